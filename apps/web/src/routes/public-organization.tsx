export { default } from '../features/public/PublicOrgPage';
