// The built-in services of this chaton. Each line plugs one module in through the contract.
import type { ServiceModule } from './contract.js';
import { paste } from './paste/index.js';
import { drop } from './drop/index.js';
import { pad } from './pad/index.js';

export const builtinModules: ServiceModule[] = [paste, pad, drop];
