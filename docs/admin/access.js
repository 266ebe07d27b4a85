// Decap's own screens, made readable by screen readers and keyboard users (axe-core finds nothing on
// the form pages: tests/test_editor.py). Decap leaves some icon buttons without a name and its app
// outside any landmark; this names them as they appear, in both languages.
(function () {
  "use strict";
  var NAMES = {
    open: "展开或收起 · Open or close",
    remove: "删除此项 · Remove this item",
    drag: "拖动以调整顺序 · Drag to reorder",
  };

  function name(element, text) {
    if (!element.hasAttribute("aria-label") && !element.textContent.trim()) element.setAttribute("aria-label", text);
  }

  function mend() {
    // the app's content is its main landmark where Decap gives none (the sign-in, editor, workflow pages)
    document.querySelectorAll("[class*=AppMainContainer], [class*=StyledAuthenticationPage]").forEach(function (box) {
      if (box.querySelector("main, [role=main]")) box.removeAttribute("role");
      else box.setAttribute("role", "main");
    });
    // the page's own heading and token form are the main landmark until Decap shows one
    var shell = document.getElementById("shell");
    var other = document.querySelector("main, [role=main]:not(#shell)");
    if (shell) shell.setAttribute("role", other ? "region" : "main");
    document.querySelectorAll("[data-slate-editor]:not([aria-label])").forEach(function (box) {
      var field = box.closest("[class*=ControlContainer]");
      var label = field && field.querySelector("label");
      if (label) box.setAttribute("aria-label", label.textContent.trim());
    });
    document.querySelectorAll("[class*=ListItemTopBar]").forEach(function (bar) {
      var buttons = bar.querySelectorAll(":scope > button");
      if (buttons.length) name(buttons[0], NAMES.open);
      if (buttons.length > 1) name(buttons[buttons.length - 1], NAMES.remove);
    });
    document.querySelectorAll("[aria-roledescription=sortable]").forEach(function (handle) {
      name(handle, NAMES.drag);
    });
    document.querySelectorAll("body > canvas").forEach(function (bar) {
      bar.setAttribute("aria-hidden", "true"); // the loading bar
    });
  }

  mend();
  var queued = false;
  new MutationObserver(function () {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () {
      queued = false;
      mend();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
