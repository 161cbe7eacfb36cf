import type { BackendStatus } from '../../lib/mesh/backend-status';

export class BackendUnavailableError extends Error {
  constructor(status: BackendStatus) {
    super(`Backend "${status.name}" is ${status.state}: ${status.detail}`);
    this.name = 'BackendUnavailableError';
  }
}
