namespace Forum.Data.Seeding;

/// <summary>A demo comment and the replies it gets, in order.</summary>
public sealed record DemoComment(string Body, params string[] Replies);

/// <summary>What the demo members say about each demo movie: every thread is about its own film.</summary>
public static class DemoTalk
{
    public static IReadOnlyList<DemoComment> For(string title) => ByTitle.TryGetValue(title, out var talk) ? talk : [];

    public static readonly IReadOnlyDictionary<string, DemoComment[]> ByTitle = new Dictionary<string, DemoComment[]>
    {
        ["The Godfather"] =
        [
            new("The baptism cut against the killings is still the best piece of editing I know. The organ keeps playing and the bodies keep falling.",
                "And Michael's face never moves. The whole film is in that one sequence."),
            new("I always forget how dark it is. Gordon Willis lit Brando from above so you barely see his eyes, and the studio hated it.",
                "They called Willis the Prince of Darkness for a reason."),
            new("Fredo deserved better. John Cazale made five films and every one of them is a classic."),
        ],
        ["Spirited Away"] =
        [
            new("No-Face scared me as a kid and breaks my heart as an adult. He only wants someone to take what he offers.",
                "He becomes whatever the place around him is: greedy in the bathhouse, calm on the train."),
            new("The stink spirit that turns out to be a polluted river god, with a whole bicycle pulled out of him. Gross and wonderful."),
            new("Subbed or dubbed? The English version adds a few lines explaining things the Japanese leaves unsaid.",
                "Subbed every time. The silences are part of it.",
                "Dubbed with my niece, subbed on my own. Both are lovely, honestly."),
        ],
        ["Parasite"] =
        [
            new("The flood: the rich family's lovely rain is the poor family's sewage coming up through the toilet. Same storm, two films.",
                "The daughter sitting on the lid smoking while it erupts. Funniest and bleakest shot of the year."),
            new("The smell. Nobody says anything cruel out loud; it's all in how Mr. Park wrinkles his nose.",
                "That's why the ending lands. It isn't the money, it's the nose."),
            new("Jessica, only child, Illinois, Chicago... I still sing it in the shower."),
            new("I tried the black-and-white version. It works, but I missed the green of that lawn."),
        ],
        ["Seven Samurai"] =
        [
            new("Kikuchiyo is the heart of it. Mifune plays him like a stray dog pretending to be a samurai, and his rant about what farmers really are still hits.",
                "Him standing in the burning mill holding the baby... I wasn't ready."),
            new("The planning scenes are my favourite part: the map, the bandits crossed off one by one on the scroll. Every heist film since borrows that."),
            new("Three and a half hours and I still wanted more of Kyuzo, the quiet swordsman who only wants to get better.",
                "He's the one every kid picks. James Coburn played the same man in The Magnificent Seven."),
            new("Keep the intermission if you watch it at home. It's the breath before the siege."),
        ],
        ["Blade Runner"] =
        [
            new("Final Cut for me. The unicorn dream makes Gaff's little origami at the end mean something.",
                "Theatrical, for the voice-over. I know it's clumsy and I love it anyway.",
                "Ford always said he didn't sabotage that narration. It sure sounds like he did."),
            new("Rutger Hauer trimmed Roy's last speech himself the night before. 'Tears in rain' is his."),
            new("Vangelis. That synth swell over the Tyrell pyramid is what the future still sounds like in my head."),
        ],
        ["Amélie"] =
        [
            new("Skipping stones on the Canal Saint-Martin, cracking the crème brûlée. The film is a list of small pleasures and it made me notice mine."),
            new("The garden gnome sending postcards from around the world is the best running gag in French cinema.",
                "My sister did this with our dad's gnome. The photos still turn up in the family chat."),
        ],
        ["Mad Max: Fury Road"] =
        [
            new("Max has maybe forty lines. Hardy does everything with grunts and glances, and it works.",
                "Strapped to the front of a car as a blood bag: the best introduction of a hero who isn't in control."),
            new("The guitarist on the speaker truck says everything about this world: war needs a soundtrack, so they brought one.",
                "The Doof Warrior! The guitar really did shoot flames on set."),
            new("Furiosa's scream in the dunes. No music, no cuts, just that."),
            new("Watch the black-and-chrome edition at least once. The sandstorm looks like a silent film from hell."),
        ],
        ["Casablanca"] =
        [
            new("'La Marseillaise' drowning out the Germans in Rick's café gives me chills every time. Many of the extras had fled Europe themselves.",
                "You can see some of them crying. That wasn't acting."),
            new("They were rewriting it as they shot, and Bergman supposedly didn't know which man Ilsa would end up with. You can feel it in her face."),
            new("Claude Rains steals the film. 'Shocked, shocked to find that gambling is going on in here' while pocketing his winnings."),
        ],
        ["Pulp Fiction"] =
        [
            new("The diner scenes bookend it so neatly that you forget everything in the middle is out of order.",
                "And Jules says the same Bible passage at the start and the end. Same words, different man."),
            new("What's in the briefcase? I've decided I don't want to know."),
            new("Christopher Walken's gold watch monologue: a man telling the worst possible story to a small child, with total sincerity."),
        ],
        ["Alien"] =
        [
            new("The cast knew something would burst out of John Hurt, but not how much blood. Veronica Cartwright's reaction is real.",
                "She took a jet of it straight in the face. You can see her go down."),
            new("Giger's designs still look truly alien. Nothing about the derelict ship feels like it was built by people."),
            new("Jones the cat survives, and honestly that's all I need from a horror film.",
                "Ripley going back for the cat is the most relatable thing anyone does in space."),
            new("The Nostromo looks lived in: coffee mugs, the drinking bird toy, the crew moaning about bonuses. They're just workers, and that's why it's scary."),
        ],
        ["The Grand Budapest Hotel"] =
        [
            new("The aspect ratios aren't a gimmick: boxy for the 1930s, wide for the 1960s, so you always know when you are."),
            new("Ralph Fiennes swearing in the middle of perfect manners is the funniest thing in any Wes Anderson film.",
                "'Rudeness is merely an expression of fear.' Two minutes later he's cursing like a sailor."),
            new("Under the pastel it's about a world being wiped out. 'His world had vanished long before he ever entered it' stays with me."),
        ],
        ["City of God"] =
        [
            new("The chicken chase at the start: knives being sharpened, the samba, the camera running at hen height. Incredible opening."),
            new("Li'l Zé is terrifying because he's a child. Most of the cast came from the favelas themselves.",
                "The little kids' gang at the end is the real horror. It all starts again."),
            new("Rocket's camera is his way out, and the film never pretends that's the usual story."),
            new("We watched it in a film class and nobody spoke for the first minute of the discussion. Then nobody could stop."),
        ],
        ["Whiplash"] =
        [
            new("'Not quite my tempo.' I've heard working musicians quote that with real trauma in their voices.",
                "My old band director was half Fletcher. Luckily the half that didn't throw chairs."),
            new("Is the ending a triumph or a tragedy? Andrew wins and becomes exactly what Fletcher wanted.",
                "Tragedy. Look at his dad's face in the wings.",
                "Both, and the film cuts before anyone can tell us which."),
            new("The 'Caravan' solo is edited to the beat so precisely it's practically a music video."),
        ],
        ["Princess Mononoke"] =
        [
            new("Lady Eboshi gives outcasts and lepers work and dignity, and she's also razing the forest. That's why there's no villain."),
            new("The Forest Spirit walking while flowers bloom and die under each step. One image and you understand it completely.",
                "And the Nightwalker rising at dusk. The sound of it still unnerves me."),
            new("Joe Hisaishi's score here is his best Ghibli work and I'm ready to argue about it."),
        ],
        ["No Country for Old Men"] =
        [
            new("The coin toss at the gas station is a man betting his life without knowing it. 'What's the most you ever lost on a coin toss?'",
                "The shopkeeper slowly understanding what's happening is the scariest acting in the film."),
            new("The ending frustrates everybody the first time. Bell's dream about his father carrying fire ahead in the dark is the point, though."),
            new("There's almost no score. You hear the wind, the cattle gun, a phone ringing in a motel room.",
                "Carter Burwell is credited, but it's mostly drones you barely notice."),
        ],
        ["Singin' in the Rain"] =
        [
            new("'Make 'Em Laugh' is Donald O'Connor throwing himself into walls for four minutes. Peak physical comedy."),
            new("Lina Lamont is the best part. Jean Hagen plays a terrible voice perfectly in a film that's all about dubbing.",
                "The microphone hidden in the bush during the first sound shoot: the best film-history joke ever made."),
            new("Showed it to my kid, who had never seen a musical. She laughed harder than I did and now tap-dances in the kitchen."),
        ],
        ["The Silence of the Lambs"] =
        [
            new("Clarice in the lift surrounded by taller men in red polo shirts. Demme keeps framing her like that and it says everything."),
            new("The night-vision sequence in the basement is still unbearable.",
                "Her breathing, and then his hand reaching towards her hair. I watched it through my fingers."),
            new("Lecter and Clarice look straight into the lens when they talk, so you're the one being questioned."),
            new("Anthony Heald as Dr Chilton is such a good creep that you almost root for Lecter when he escapes."),
        ],
        ["Arrival"] =
        [
            new("The circular sentences, a language without tenses, the memories that aren't flashbacks. It rewards a second viewing more than almost anything.",
                "The second time I cried in the first five minutes, because now you know what those scenes are."),
            new("Jóhann Jóhannsson's music with those layered voices sounds like the ship itself thinking."),
            new("It's based on Ted Chiang's 'Story of Your Life', which is even stranger. Worth reading afterwards.",
                "The film adds the world politics and it works, but the story's physics angle is beautiful."),
        ],
        ["Moonlight"] =
        [
            new("The diner scene in the third chapter: two men barely talking, the jukebox playing 'Hello Stranger'. Nothing happens and everything does.",
                "Trevante Rhodes is huge and frightened at the same time in that scene."),
            new("Juan teaching little Chiron to swim, the camera bobbing at the waterline. One of the kindest scenes I've ever seen."),
            new("The colours are so saturated, especially the blues. It's shot like memory rather than documentary."),
        ],
        ["Inception"] =
        [
            new("The top wobbles. I think the point is that Cobb stopped looking at it.",
                "Watch his hand instead: the wedding ring only appears in the dream scenes.",
                "Him walking away from the top is the answer. He doesn't care any more."),
            new("The van falling in slow motion while each dream level runs on its own clock is such a clever way to build a climax."),
            new("Joseph Gordon-Levitt spent weeks training to fight in that rotating hallway. You can tell it's real."),
            new("Hans Zimmer's 'Time' on good headphones. That's it, that's the comment."),
        ],
        ["Persepolis"] =
        [
            new("The black-and-white drawings make history feel like a story told at a kitchen table, which is exactly what it is."),
            new("Her grandmother keeping jasmine in her bra so she always smells lovely. I think about that woman a lot.",
                "'Always keep your dignity.' My own grandmother said almost the same thing."),
            new("Marji buying Iron Maiden tapes from the black market, then belting 'Eye of the Tiger' off-key. Punk is not dead."),
        ],
        ["The Good, the Bad and the Ugly"] =
        [
            new("'The Ecstasy of Gold' while Tuco runs circles in the cemetery: the best marriage of music and camera on film.",
                "Metallica walked on stage to it for decades. Can't blame them."),
            new("Eli Wallach's Tuco is the real lead. The Bad is scary, the Good is cool, the Ugly is the one with an actual life."),
            new("As the story goes, the bridge was blown up before the cameras were rolling and had to be built all over again.",
                "I've read that too. Imagine being the one who pushed the button."),
        ],
        ["Get Out"] =
        [
            new("The Sunken Place is one of the best images in modern horror: falling into the dark, watching your own life through a small screen.",
                "And a teaspoon on a teacup as the trigger. I can't hear that sound any more."),
            new("Rod from the TSA is the audience. Every joke lands because he's right about everything."),
            new("On a second watch every compliment at the garden party means something else."),
            new("The first ending was much darker. The police lights at the end work so well because Peele knows what we expect.",
                "That moment the car door opens and it's Rod: the whole cinema cheered when I saw it."),
        ],
        ["Paddington 2"] =
        [
            new("Hugh Grant's big song-and-dance number over the end credits is worth the ticket alone.",
                "A Sondheim song with a whole prison chorus in pink. Give the man every award."),
            new("One red sock and the entire prison laundry turns pink. The prison looks like a dollhouse afterwards."),
            new("Knuckles McGinty learning to love marmalade. Brendan Gleeson is perfect casting."),
            new("I cried at the end and I'm forty-five. The family at the door...",
                "Aunt Lucy! The whole cinema was sniffling."),
            new("The pop-up book sequence, Paddington walking Aunt Lucy through a paper London, is some of the loveliest animation I've seen."),
        ],
    };
}
