// Page entry point.
import './styles.css';
import { App } from './app';
import { readUrlOptions } from './url-state';

const app = new App(readUrlOptions());
void app.start();
