import { describeDemo } from './demo.scenario';

describeDemo('postgres');
