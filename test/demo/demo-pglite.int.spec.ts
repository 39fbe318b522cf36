import { describeDemo } from './demo.scenario';

describeDemo('pglite');
