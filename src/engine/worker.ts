// Web Worker entry: the real simulation behind comlink (see worker-host.ts for the field protocol).
import * as Comlink from 'comlink';
import { Run } from './run';
import { hostRun } from './worker-host';

Comlink.expose(hostRun(new Run()));
