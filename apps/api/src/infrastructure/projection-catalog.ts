import { accessLogProjection, regionsProjection, type Projection } from '@bangfu/projections';
import { dueTimersProjection } from '@bangfu/workflow';

/** Every read model the API serves; `bangfu rebuild` rebuilds exactly these. */
export const allProjections: readonly Projection[] = [dueTimersProjection, regionsProjection, accessLogProjection];
