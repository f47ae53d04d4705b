import { createRequire } from 'node:module';

const OPEN_TELEMETRY_PACKAGE =
  /[\\/]node_modules[\\/](@opentelemetry[\\/]|@azure[\\/](monitor-opentelemetry|opentelemetry-instrumentation|functions-opentelemetry))/;

/** The OpenTelemetry and Azure Monitor packages among module files, one entry per package. */
export function openTelemetryPackagesAmong(files: string[]): string[] {
  const packages = files.filter((file) => OPEN_TELEMETRY_PACKAGE.test(file)).map(packageOf);
  return [...new Set(packages)].sort();
}

/** Those this process has loaded through require() (as the compiled app and the lazy loaders do). */
export function loadedOpenTelemetryPackages(): string[] {
  return openTelemetryPackagesAmong(Object.keys(createRequire(__filename).cache));
}

function packageOf(file: string): string {
  const parts = file
    .split(/[\\/]node_modules[\\/]/)
    .pop()!
    .split(/[\\/]/);
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}
