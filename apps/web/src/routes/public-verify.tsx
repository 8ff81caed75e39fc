export { default } from '../features/public/VerifyPage';
