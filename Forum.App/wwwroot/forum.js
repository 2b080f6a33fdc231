// The forum's only script (the Content-Security-Policy allows no inline script): small things the browser does alone.
window.forum = {
    // Scrolls a comment linked from "My messages" into view once the thread has rendered.
    scrollToId: function (id) {
        const el = document.getElementById(id);
        if (!el) return false;
        el.scrollIntoView({ block: "center" });
        el.classList.add("forum-highlight");
        return true;
    }
};

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
