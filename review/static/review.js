// Keyboard shortcuts for the review page: s same, d different, u unsure, k skip, z undo,
// n note, / search. Typing in a field never triggers them (Escape leaves the field; Enter in
// the note box keeps the note and decides nothing: the form's first button is «Keep note»).
(function () {
  function click(id) {
    var el = document.getElementById(id);
    if (el) { el.click(); return true; }
    return false;
  }
  // undo carries the note typed on this page, so taking a decision back never loses it
  function fillUndo() {
    var pair = document.querySelector("section.pair");
    var note = document.getElementById("note");
    var undoPair = document.getElementById("undo-pair");
    var undoNote = document.getElementById("undo-note");
    if (pair && note && undoPair && undoNote) {
      undoPair.value = pair.getAttribute("data-pair");
      undoNote.value = note.value;
    }
  }
  var undoForm = document.getElementById("undo");
  if (undoForm) { undoForm.addEventListener("submit", fillUndo); }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
    if (typing) {
      if (event.key === "Escape") { target.blur(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var done = false;
    switch (event.key) {
      case "s": done = click("same"); break;
      case "d": done = click("different"); break;
      case "u": done = click("unsure"); break;
      case "k": done = click("skip"); break;
      case "z": {
        if (undoForm) { fillUndo(); undoForm.submit(); done = true; }
        break;
      }
      case "n": { var note = document.getElementById("note"); if (note) { note.focus(); done = true; } break; }
      case "/": { var search = document.getElementById("search"); if (search) { search.focus(); done = true; } break; }
    }
    if (done) { event.preventDefault(); }
  });
})();
