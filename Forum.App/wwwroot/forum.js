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

    return { timeText, refreshTimes, scrollToId };
})();
