// The built-in services of this chaton. Each line plugs one module in through the contract.
import type { ServiceModule } from './contract.js';

export const builtinModules: ServiceModule[] = [];
