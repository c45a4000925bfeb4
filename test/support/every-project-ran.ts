import type { Reporter, TestModule, Vitest } from 'vitest/node';

/**
 * Fails a run in which a project ran no test (a typo in its include pattern would otherwise give
 * a green run of nothing). On when SEEDLINE_EVERY_PROJECT=1 (.ci/run): a run of one file or one
 * project leaves the others empty on purpose.
 */
export default class EveryProjectRan implements Reporter {
  private projects: string[] = [];

  onInit(vitest: Vitest) {
    this.projects = vitest.projects.map((p) => p.name);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    if (process.env.SEEDLINE_EVERY_PROJECT !== '1') return;
    const ran = new Set(modules.filter((m) => m.children.size > 0).map((m) => m.project.name));
    const empty = this.projects.filter((name) => !ran.has(name));
    if (empty.length === 0) return;
    console.error(`✖ these test projects ran no test: ${empty.join(', ')} (check their include patterns)`);
    process.exitCode = 1;
  }
}
