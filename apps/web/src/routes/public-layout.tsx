export { default } from '../features/public/PublicLayout';
