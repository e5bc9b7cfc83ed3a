// Module worker: builds deposit mesh files off the main thread (comlink; bytes returned by transfer).
import * as Comlink from 'comlink';
import { depositMeshFile, type DepositMeshRequest } from './deposit-mesh';

const api = {
  build(req: DepositMeshRequest) {
    const file = depositMeshFile(req);
    return Comlink.transfer(file, [file.bytes.buffer as ArrayBuffer]);
  },
};

export type MeshWorkerApi = typeof api;
Comlink.expose(api);
