// The vendored YASGUI, pointed at this server's /sparql only. Its stock autocompleters fetch
// from prefix.cc and Linked Open Vocabularies (other hosts); they are replaced by completers
// fed from /yasgui/prefixes.json and /yasgui/terms.json, so the page never leaves the server.
"use strict";

(function () {
  const Yasqe = Yasgui.Yasqe;
  const root = document.getElementById("yasgui");
  const endpoint = location.origin + "/sparql";
  let terms = null;

  function loadTerms() {
    if (!terms) {
      terms = fetch("/yasgui/terms.json", { headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : { classes: [], properties: [] }))
        .catch(() => ({ classes: [], properties: [] }));
    }
    return terms;
  }

  // Bulk completers: YASQE loads the list once and filters it as one types.
  Yasqe.forkAutocompleter("class", {
    name: "kgClass", bulk: true, autoShow: false, persistenceId: null,
    get: () => loadTerms().then((t) => t.classes),
  }, false);
  Yasqe.forkAutocompleter("property", {
    name: "kgProperty", bulk: true, autoShow: false, persistenceId: null,
    get: () => loadTerms().then((t) => t.properties),
  }, false);
  Yasqe.defaults.autocompleters = ["prefixes", "variables", "kgClass", "kgProperty"];

  const yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: "conflict-kg-yasgui",
    yasqe: { value: root.dataset.defaultQuery, prefixCcApi: "/yasgui/prefixes.json" },
  });
  window.kgYasgui = yasgui;
})();
