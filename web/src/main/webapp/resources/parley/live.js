/*
 * The live queue view keeps itself current: every 5 seconds it fetches the same page and swaps in the fresh
 * section with id "live", so the page neither reloads nor flickers. A file of its own because the portal's
 * Content-Security-Policy allows no inline script; without JavaScript the page's Refresh link does the same with a
 * page load.
 */
(function () {
    'use strict';

    var PERIOD_MS = 5000;

    function later() {
        window.setTimeout(refresh, PERIOD_MS);
    }

    function refresh() {
        var shown = document.getElementById('live');
        if (!shown) {
            return;
        }
        if (document.hidden) {
            // Nobody is looking: spare the server, and catch up on the next tick after the tab is shown again.
            later();
            return;
        }
        window.fetch(window.location.href, {credentials: 'same-origin', cache: 'no-store'})
            .then(function (response) {
                return response.text().then(function (html) {
                    var fresh = new window.DOMParser().parseFromString(html, 'text/html').getElementById('live');
                    if (response.ok && fresh) {
                        shown.replaceWith(document.adoptNode(fresh));
                        later();
                    } else if (response.ok || response.status === 403) {
                        // The session ended (the login form came back) or the role changed: a full load shows why.
                        window.location.reload();
                    } else {
                        stale(shown);
                    }
                });
            })
            .catch(function () {
                stale(shown);
            });
    }

    /** The server did not answer: keep the last figures, marked as old, and try again. */
    function stale(shown) {
        shown.classList.add('stale');
        later();
    }

    if (window.fetch && window.DOMParser) {
        later();
    }
}());
