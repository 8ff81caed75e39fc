export { default } from '../features/public/ServiceCertVerifyPage';
