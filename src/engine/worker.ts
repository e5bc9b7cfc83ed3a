// Web Worker entry: the real simulation behind comlink (see worker-host.ts for the field protocol).
import * as Comlink from 'comlink';
import { Run } from './run';
import { hostRun } from './worker-host';
import { defaultBrowserThreads } from './thread-pool';

// threaded kernel on a cross-origin isolated page (all cores up to 4), the single-threaded build otherwise
Comlink.expose(hostRun(new Run({ defaultThreads: defaultBrowserThreads() })));
