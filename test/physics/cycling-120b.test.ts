// 120 liquid cycles for In, Mg, Sn and Zn: see cycling-120.test.ts (Cu, Ag, Al) for what is checked and why.
import { describeCycleLife } from '../support/cycle-life';

describeCycleLife(['in', 'mg', 'sn', 'zn']);
