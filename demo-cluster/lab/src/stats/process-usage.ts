// A process's own CPU time and RSS since the last sample: each proxy reports itself.
export class ProcessUsage {
  #lastCpu = process.cpuUsage();
  #lastAt = process.hrtime.bigint();

  sample(): { cpuPercent: number; rssMb: number } {
    const cpu = process.cpuUsage();
    const now = process.hrtime.bigint();
    const usedUs = cpu.user - this.#lastCpu.user + (cpu.system - this.#lastCpu.system);
    const wallUs = Number(now - this.#lastAt) / 1000;
    this.#lastCpu = cpu;
    this.#lastAt = now;
    return { cpuPercent: wallUs > 0 ? (100 * usedUs) / wallUs : 0, rssMb: process.memoryUsage.rss() / (1024 * 1024) };
  }
}
