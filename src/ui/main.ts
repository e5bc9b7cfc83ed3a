// Page entry point.
import './styles.css';
import { App } from './app';
import { Classroom, classroomRequest } from './classroom';
import { readUrlOptions } from './url-state';

const app = new App(readUrlOptions());
const classroom = new Classroom(app);
const scenario = classroomRequest(location.search);
if (scenario === null) void app.start();
else void classroom.enter(scenario);
