// DEVELOPMENT MOCK worker entry (`?engine=mock`): the UI against MockRun, not the kernel.
import * as Comlink from 'comlink';
import { hostRun } from '../engine/worker-host';
import { MockRun } from './dev-mock-run';

Comlink.expose(hostRun(new MockRun()));
