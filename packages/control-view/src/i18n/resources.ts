import type { zhCN } from './zh-CN.js';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape of every language's labels: the zh-CN file's keys, with any string as the value. */
export type Resources = Widen<typeof zhCN>;
