/**
 * The overlay's only style sheet, inside its closed shadow root. `:host` rules marked
 * `!important` beat the page's own `!important` rules on the host element (shadow cascade), so
 * the page cannot restyle, hide or shift the overlay with CSS.
 */
/** The status pill's widest border box: its max-width plus its padding (`.s`). */
export const MAX_PILL_WIDTH = 176;

export const OVERLAY_CSS = `:host{all:initial!important;display:block!important;position:fixed!important;top:0!important;left:0!important;width:0!important;height:0!important;z-index:2147483647!important;pointer-events:none!important}
.p,.t{position:fixed;box-sizing:border-box;pointer-events:auto}
.p{top:0;bottom:0;display:flex;background:#fff;box-shadow:0 0 16px #0003}
iframe{flex:1;min-width:0;border:0}
.h{flex:0 0 6px;cursor:col-resize;touch-action:none;outline:0}
.h:hover,.h:focus-visible{background:#0176d3}
.t{top:40%;display:flex;align-items:center;gap:6px;max-width:200px;padding:6px 8px;border:1px solid #ccc;background:#fff;color:#181818;cursor:pointer;box-shadow:0 2px 6px #0002}
.t,.s{font:600 13px/18px system-ui,sans-serif}
.t:focus-visible{outline:2px solid #0176d3}
.s{max-width:${MAX_PILL_WIDTH - 16}px;padding:0 8px;border-radius:9px;background:#e5e5e5;color:#181818;font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.s[hidden]{display:none}
.f{position:fixed;box-shadow:0 1px 4px #0003}
.positive{background:#cdefc4;color:#194e31}.caution{background:#fbe7b5;color:#5c4000}.negative{background:#fed1d1;color:#8c1d1d}`;
