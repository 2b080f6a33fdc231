// Scrolls a comment linked from "My messages" into view once the thread has rendered.
window.forum = {
    scrollToId: function (id) {
        const el = document.getElementById(id);
        if (!el) return false;
        el.scrollIntoView({ block: "center" });
        el.classList.add("forum-highlight");
        return true;
    }
};
