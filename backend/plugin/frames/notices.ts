import type { Frame, Notice } from '../../protocol';

/** Adds query-wide notices to the first frame, where Grafana shows them in the panel header. */
export function withNotices(frames: Frame[], notices: Notice[]): Frame[] {
  if (notices.length === 0 || frames.length === 0) {
    return frames;
  }
  const [first, ...rest] = frames;
  return [{ ...first, meta: { ...first.meta, notices: [...(first.meta?.notices ?? []), ...notices] } }, ...rest];
}
