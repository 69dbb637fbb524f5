/**
 * The sample product page `npm run demo` offers for trying the chat widget: a Soundwave
 * speaker page with the one-line embed, a second "page" reached by history.pushState (the
 * widget follows single-page apps), and a button that calls Rapport.track(), which shows any
 * proactive message set up for that event. Plain HTML: it stands in for the customer's site.
 */
export function demoProductPage(workspaceName: string, key: string, nonce: string): string {
  const esc = (s: string) =>
    s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Soundwave One, ${esc(workspaceName)} (demo shop)</title>
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1a1b1e; background: #f8f9fa; }
  header { background: #0b2545; color: #fff; padding: 14px 24px; font-weight: 700; }
  main { max-width: 880px; margin: 32px auto; padding: 0 24px; display: grid; gap: 24px; grid-template-columns: 1fr 1fr; }
  .art { aspect-ratio: 1; border-radius: 16px; background: radial-gradient(circle at 50% 40%, #4c6ef5, #0b2545); }
  h1 { margin: 0 0 8px; } .price { font-size: 24px; font-weight: 700; }
  button { font: inherit; padding: 10px 16px; border-radius: 8px; border: 0; background: #0b2545; color: #fff; cursor: pointer; margin: 4px 4px 0 0; }
  .note { grid-column: 1 / -1; background: #fff; border: 1px solid #ced4da; border-radius: 8px; padding: 12px 16px; font-size: 14px; }
  @media (max-width: 640px) { main { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header>${esc(workspaceName)} · demo shop</header>
<main>
  <div class="art" role="img" aria-label="A Soundwave One speaker"></div>
  <section>
    <h1 id="product">Soundwave One</h1>
    <p class="price">$199</p>
    <p>Room-filling sound, Wi-Fi and Bluetooth, firmware 12.4.</p>
    <button type="button" id="specs">Show the tech specs (a new page, no reload)</button>
    <button type="button" id="fail">Pretend checkout failed (Rapport.track)</button>
  </section>
  <p class="note">This page stands in for a customer's website. The chat button at the bottom right is
  the Rapport widget, embedded with one line:
  <code>&lt;script src="/widget.js" data-key="${esc(key)}" async&gt;&lt;/script&gt;</code>.
  Chats you start here appear in the demo workspace's inbox.</p>
</main>
<script nonce="${nonce}">
  document.getElementById("specs").addEventListener("click", function () {
    history.pushState({}, "", "/widget/demo?page=specs");
    document.title = "Soundwave One tech specs (demo shop)";
    document.getElementById("product").textContent = "Soundwave One: tech specs";
  });
  document.getElementById("fail").addEventListener("click", function () {
    if (window.Rapport) window.Rapport.track("checkout_failed");
  });
</script>
<script src="/widget.js" data-key="${esc(key)}" async></script>
</body>
</html>`;
}
