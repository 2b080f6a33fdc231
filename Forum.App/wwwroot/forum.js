// All of the forum's own browser code: no inline scripts, so a Content-Security-Policy can forbid them.
window.forum = (function () {
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    // The same wording as TimeText.Describe on the server; a browser test compares the two on sample ages.
    function timeText(utcMs, nowMs) {
        const seconds = (nowMs - utcMs) / 1000;
        if (seconds < 60) return "just now";
        if (seconds < 3600) return Math.floor(seconds / 60) + " min ago";
        if (seconds < 86400) return Math.floor(seconds / 3600) + " h ago";
        if (seconds < 30 * 86400) return Math.floor(seconds / 86400) + " d ago";
        const d = new Date(utcMs);
        return d.getUTCDate() + " " + months[d.getUTCMonth()] + " " + d.getUTCFullYear();
    }

    // Brings every <time class="forum-time"> up to date: its text (relative) and its title (the reader's local time).
    // The text node's nodeValue is set rather than textContent, so the node Blazor rendered (and refers to) stays.
    function refreshTimes(nowMs) {
        const now = nowMs ?? Date.now();
        for (const el of document.querySelectorAll("time.forum-time")) {
            const utc = Date.parse(el.dateTime);
            if (isNaN(utc)) continue;
            const node = el.firstChild;
            const text = timeText(utc, now);
            if (node && node.nodeType === Node.TEXT_NODE && node.nodeValue !== text) node.nodeValue = text;
            const local = new Date(utc).toLocaleString();
            if (el.title !== local) el.title = local;
        }
    }

    // Scrolls an element (a comment) into view and flashes it; the flash can repeat.
    function scrollToId(id) {
        const el = document.getElementById(id);
        if (!el) return false;
        el.scrollIntoView({ block: "center", behavior: "smooth" });
        el.classList.remove("forum-highlight");
        void el.offsetWidth; // restart the animation when the class was already there
        el.classList.add("forum-highlight");
        el.addEventListener("animationend", () => el.classList.remove("forum-highlight"), { once: true });
        return true;
    }

    // One timer for the whole page, started once, however many times appear on it.
    refreshTimes();
    setInterval(refreshTimes, 30000);
    // A time rendered after the last tick gets its local title as soon as someone points at it.
    document.addEventListener("pointerover", e => {
        const el = e.target instanceof Element ? e.target.closest("time.forum-time") : null;
        if (el) el.title = new Date(Date.parse(el.dateTime)).toLocaleString();
    });

    // The page title on the circuit (DocumentTitle): the head is not re-rendered there.
    function setTitle(text) {
        document.title = text;
    }

    // After an in-app navigation (FocusOnNavigation): focus the new page's heading, as Blazor's FocusOnNavigate does.
    function focusFirst(selector) {
        const el = document.querySelector(selector);
        if (!el) return;
        if (!el.hasAttribute("tabindex")) el.tabIndex = -1;
        el.focus({ preventScroll: true });
    }

    return { timeText, refreshTimes, scrollToId, setTitle, focusFirst };
})();

// Text fields under a rule (RuleTextField) are wrapped in <div data-draft="key" data-max="n">.
// Their value reaches the server on "change" only, so while typing the browser itself keeps the count under the field and
// keeps a draft in sessionStorage: a lost circuit or a reload never loses what was typed (the page restores the draft,
// and clears it once the server has stored the text).
(function () {
    const prefix = "forum-draft:";
    const segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
    // White space as .NET trims it (unlike JavaScript's \s, without U+FEFF).
    const space = "[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";
    const edges = new RegExp("^" + space + "+|" + space + "+$", "g");
    const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

    // Characters as TextRules counts them: LF line breaks, no control characters, NFC, trimmed, text elements.
    function count(value) {
        const text = value.replace(/\r\n?/g, "\n").replace(controls, "").normalize("NFC").replace(edges, "");
        if (!segmenter) return Array.from(text).length;
        let n = 0;
        for (const _ of segmenter.segment(text)) n++;
        return n;
    }

    function boxOf(target) {
        return target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement ? target.closest("[data-draft], [data-max]") : null;
    }

    function showCount(box, value) {
        const counter = box.querySelector(".rule-text-counter");
        const number = counter && counter.querySelector(".rule-text-count");
        if (!number || !number.firstChild) return;
        const n = count(value);
        // Update the text node Blazor rendered (never replace it): the server's next render then writes the same node.
        number.firstChild.nodeValue = n.toLocaleString("en-US");
        counter.classList.toggle("mud-error-text", n > Number(box.dataset.max));
    }

    function save(key, text, id) {
        try {
            if (text) sessionStorage.setItem(prefix + key, JSON.stringify({ text: text, id: id || null }));
            else sessionStorage.removeItem(prefix + key);
        } catch (e) {
            // Storage full or disabled: the field still holds the text.
        }
    }

    document.addEventListener("input", function (e) {
        const box = boxOf(e.target);
        if (!box) return;
        if (box.dataset.draft) save(box.dataset.draft, e.target.value, box.dataset.draftId);
        if (box.dataset.max) showCount(box, e.target.value);
    });

    window.forum.drafts = {
        // The drafts under these keys ({ text, id } or null); none longer than maxUnits, so restoring one always fits a message.
        read: function (keys, maxUnits) {
            return keys.map(function (key) {
                try {
                    const draft = JSON.parse(sessionStorage.getItem(prefix + key) || "null");
                    return draft && typeof draft.text === "string" && draft.text.length <= maxUnits ? draft : null;
                } catch (e) {
                    return null;
                }
            });
        },
        save: function (key, text) {
            save(key, text, null);
        },
        clear: function (keys) {
            keys.forEach(function (key) {
                try { sessionStorage.removeItem(prefix + key); } catch (e) { }
            });
        }
    };
})();

// Chat (Features/Chat): Enter sends and Shift+Enter starts a new line in a [data-chat-composer] box; the log sticks to its
// newest message unless the reader has scrolled up, and then a chip offers the way down.
window.forum.chat = (function () {
    document.addEventListener("keydown", function (e) {
        if (e.key !== "Enter" || e.shiftKey || e.isComposing || e.keyCode === 229) return;
        const box = e.target instanceof HTMLTextAreaElement ? e.target.closest("[data-chat-composer]") : null;
        const send = box && box.querySelector("[data-chat-send]");
        if (!send) return;
        e.preventDefault();
        // The text reaches the server on "change": fire it, then the click, which the circuit handles in that order.
        e.target.dispatchEvent(new Event("change", { bubbles: true }));
        send.click();
    });

    function watch(log) {
        if (!log || log.forumChat) return;
        const chip = log.parentElement.querySelector("[data-chat-chip]");
        let following = true;
        let last = log.lastElementChild;
        const atBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 48;
        const toBottom = () => {
            log.scrollTop = log.scrollHeight;
            if (chip) chip.hidden = true;
        };
        log.addEventListener("scroll", () => {
            following = atBottom();
            if (following && chip) chip.hidden = true;
        }, { passive: true });
        // Rows added at the end: follow them, or (scrolled up) show the chip. Rows added at the top (earlier
        // messages) keep the reader's place through the browser's scroll anchoring.
        log.forumChat = new MutationObserver(() => {
            const now = log.lastElementChild;
            const grew = now !== last;
            last = now;
            if (following) toBottom();
            else if (grew && chip) chip.hidden = false;
        });
        log.forumChat.observe(log, { childList: true, subtree: true, characterData: true });
        if (chip) chip.addEventListener("click", () => {
            following = true;
            toBottom();
        });
        toBottom();
    }

    return { watch };
})();

// Blazor starts here (App.razor loads blazor.web.js with autostart="false"): pings every 30 s each way and a connection
// given up after 60 s of silence, as the server's CircuitPings. SignalR's 15 s / 30 s made pings most of an idle
// server's CPU at 10,000 open tabs.
Blazor.start({
    circuit: {
        configureSignalR: builder => builder.withServerTimeout(60000).withKeepAliveInterval(30000),
    },
});
