export { default } from '../features/public/DirectoryPage';
