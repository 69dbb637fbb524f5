/**
 * The launcher's styles, inside its closed shadow root. `:host` rules are `!important` on
 * purpose: for important declarations the shadow tree's own rules beat the host page's (the
 * cascade's encapsulation context), so `* { all: unset !important; display: none !important }`
 * on the host page cannot hide or restyle the widget.
 */
export const loaderCss = `
:host { all: initial !important; display: block !important; position: fixed !important; inset: auto 0 0 auto !important;
  width: 0 !important; height: 0 !important; margin: 0 !important; padding: 0 !important; border: 0 !important;
  overflow: visible !important; background: transparent !important; z-index: 2147483647 !important;
  visibility: visible !important; opacity: 1 !important; transform: none !important; pointer-events: none !important; }
* { box-sizing: border-box; }
.launcher { position: fixed; right: 20px; bottom: 20px; width: 56px; height: 56px; border-radius: 50%;
  border: 0; padding: 0; margin: 0; cursor: pointer; display: flex; align-items: center; justify-content: center;
  background: var(--accent, #1c64d8); color: #fff; box-shadow: 0 4px 14px rgba(0,0,0,.25); pointer-events: auto;
  font: 600 14px/1 system-ui, sans-serif; }
.launcher:focus-visible { outline: 3px solid #111; outline-offset: 3px; box-shadow: 0 0 0 6px #fff; }
.launcher svg { width: 26px; height: 26px; fill: currentColor; }
.badge { position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; border-radius: 10px;
  background: #c92a2a; color: #fff; font: 700 12px/20px system-ui, sans-serif; text-align: center; padding: 0 5px; }
.badge[hidden], .bubble[hidden], .panel[hidden] { display: none; }
.bubble { position: fixed; right: 20px; bottom: 88px; max-width: 300px; padding: 12px 36px 12px 14px;
  border-radius: 12px; background: #fff; color: #1a1b1e; box-shadow: 0 4px 18px rgba(0,0,0,.2);
  font: 14px/1.4 system-ui, sans-serif; pointer-events: auto; text-align: left; border: 1px solid #ced4da; }
.bubble-text { all: unset; cursor: pointer; display: block; }
.bubble-text:focus-visible { outline: 2px solid #1c64d8; outline-offset: 2px; }
.bubble-close { position: absolute; top: 4px; right: 4px; width: 28px; height: 28px; border: 0; background: transparent;
  color: #495057; cursor: pointer; font: 18px/1 system-ui, sans-serif; border-radius: 4px; }
.bubble-close:focus-visible { outline: 2px solid #1c64d8; outline-offset: 2px; }
.panel { position: fixed; right: 20px; bottom: 88px; width: 380px; height: min(640px, calc(100vh - 108px));
  border: 0; border-radius: 14px; overflow: hidden; background: #fff; box-shadow: 0 8px 32px rgba(0,0,0,.28);
  pointer-events: auto; }
.panel iframe { width: 100%; height: 100%; border: 0; display: block; background: #fff; }
@media (max-width: 480px) {
  .panel { inset: 0; width: 100vw; height: 100vh; height: 100dvh; border-radius: 0; right: 0; bottom: 0; }
  .open .launcher { display: none; }
}
`;
