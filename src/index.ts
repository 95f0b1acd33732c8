import { runAction } from './shell/action';

await runAction();
