import {
  addTool, removeTool, PanTool, StackScrollTool, ToolGroupManager, WindowLevelTool, ZoomTool, Enums as ToolEnums,
} from '@cornerstonejs/tools';

/**
 * Mouse tools as OHIF binds them (UX.md §6): left = window/level, middle = pan, right = zoom,
 * wheel = scroll. The tool classes are subclassed under our own names so a host that registered
 * the stock tools keeps them, and disable() can remove exactly what enable() added.
 */
class HccWindowLevelTool extends WindowLevelTool {
  static override toolName = 'hcc.WindowLevel';
}
class HccPanTool extends PanTool {
  static override toolName = 'hcc.Pan';
}
class HccZoomTool extends ZoomTool {
  static override toolName = 'hcc.Zoom';
}
class HccStackScrollTool extends StackScrollTool {
  static override toolName = 'hcc.StackScroll';
}

const TOOL_CLASSES = [HccWindowLevelTool, HccPanTool, HccZoomTool, HccStackScrollTool];
const { MouseBindings } = ToolEnums;

export interface ToolSetup {
  addViewport(viewportId: string, renderingEngineId: string): void;
  removeViewport(viewportId: string, renderingEngineId: string): void;
  destroy(): void;
}

/** Reading rooms using the tool classes: they are process-global, removed when the last one goes. */
let users = 0;

export function createTools(toolGroupId: string): ToolSetup {
  for (const Tool of TOOL_CLASSES) addTool(Tool);
  users++;
  const group = ToolGroupManager.createToolGroup(toolGroupId);
  if (!group) throw new Error(`tool group ${toolGroupId} exists already`);
  for (const Tool of TOOL_CLASSES) group.addTool(Tool.toolName);
  group.setToolActive(HccWindowLevelTool.toolName, { bindings: [{ mouseButton: MouseBindings.Primary }] });
  group.setToolActive(HccPanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
  group.setToolActive(HccZoomTool.toolName, { bindings: [{ mouseButton: MouseBindings.Secondary }] });
  group.setToolActive(HccStackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
  return {
    addViewport: (viewportId, renderingEngineId) => group.addViewport(viewportId, renderingEngineId),
    removeViewport: (viewportId, renderingEngineId) => group.removeViewports(renderingEngineId, viewportId),
    destroy: () => {
      ToolGroupManager.destroyToolGroup(toolGroupId);
      if (--users === 0) for (const Tool of TOOL_CLASSES) removeTool(Tool);
    },
  };
}

/** Names of our tools, for tests and for hosts that want to rebind. */
export const TOOL_NAMES = {
  windowLevel: HccWindowLevelTool.toolName,
  pan: HccPanTool.toolName,
  zoom: HccZoomTool.toolName,
  stackScroll: HccStackScrollTool.toolName,
} as const;
