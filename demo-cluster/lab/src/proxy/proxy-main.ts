// Entry point of a proxy process started by the lab controller.
import type { ControllerToChild, ProxyConfig } from '../ipc';
import { sendToController } from '../ipc';
import { ProxyRuntime } from './proxy-runtime';

let runtime: ProxyRuntime | null = null;
let timer: NodeJS.Timeout | null = null;

process.on('disconnect', () => process.exit(0)); // the controller is gone: so are we
process.on('message', (message: ControllerToChild) => {
  if (message.t === 'config' && 'listeners' in message) void start(message);
  else if (message.t === 'policy') runtime?.setPolicy(message.policy);
  else if (message.t === 'routes') runtime?.setRoutes(message.listeners);
  else if (message.t === 'stats-now' && runtime) sendToController(runtime.stats(message.reqId));
});

async function start(config: ProxyConfig): Promise<void> {
  try {
    runtime = new ProxyRuntime(config);
    await runtime.start();
    timer = setInterval(() => runtime && sendToController(runtime.stats()), config.statsEveryMs);
    timer.unref();
    sendToController({ t: 'ready', id: config.id });
  } catch (error) {
    sendToController({ t: 'fatal', id: config.id, message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}
