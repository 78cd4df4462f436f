import { cache, getRenderingEngine } from '@cornerstonejs/core';
import { state as toolsState, ToolGroupManager } from '@cornerstonejs/tools';

/**
 * What a disabled reading room left behind in Cornerstone's process-wide state (should be nothing):
 * its rendering engine, tool group, cached images. Our tool classes stay registered only while
 * another reading room uses them.
 */
export function leftovers(idPrefix: string, host: HTMLElement, releasedImageIds: readonly string[], otherRoomsAlive: boolean): string[] {
  const found: string[] = [];
  if (getRenderingEngine(`${idPrefix}-engine`)) found.push(`rendering engine ${idPrefix}-engine`);
  if (ToolGroupManager.getToolGroup(`${idPrefix}-tools`)) found.push(`tool group ${idPrefix}-tools`);
  const cached = releasedImageIds.filter((id) => cache.getImageLoadObject(id) !== undefined).length;
  if (cached > 0) found.push(`${cached} cached images`);
  if (!otherRoomsAlive) {
    const tools = Object.keys(toolsState.tools).filter((name) => name.startsWith('hcc.'));
    if (tools.length) found.push(`tools ${tools.join(', ')}`);
  }
  if (host.querySelector('.hcc-room')) found.push('reading-room DOM');
  return found;
}
