export { default } from '../features/todo/WorkbenchPage';
