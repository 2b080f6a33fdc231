namespace Forum.Data.Seeding;

public sealed record DemoMovie(string Title, int Year, string[] Genres, string Body);

public static class DemoMovies
{
    public static readonly IReadOnlyList<DemoMovie> All =
    [
        new("The Godfather", 1972, ["Crime", "Drama"], "Coppola's saga of the Corleone family, and of a reluctant son who becomes the thing his father tried to keep him from. The wedding opening still sets the standard for introducing a whole world in one sequence."),
        new("Spirited Away", 2001, ["Animation", "Fantasy", "Family"], "Chihiro wanders into a bathhouse for spirits and has to work her way back out. Miyazaki fills every frame with detail, and the train ride across the flooded plain is one of cinema's quietest great scenes."),
        new("Parasite", 2019, ["Thriller", "Drama", "Comedy"], "A poor family cons its way into the household of a rich one, one job at a time. Bong Joon-ho turns a house into a diagram of class, and the staircase does as much work as any actor."),
        new("Seven Samurai", 1954, ["Action", "Adventure", "Drama"], "A village hires seven masterless samurai to defend it from bandits. Kurosawa's three and a half hours never drag; the rain-soaked final battle is still studied by every action director."),
        new("Blade Runner", 1982, ["Sci-Fi", "Thriller"], "Deckard hunts four replicants through a Los Angeles of rain and neon. The theatrical cut, the director's cut and the final cut each tell a slightly different story; which one do you watch?"),
        new("Amélie", 2001, ["Comedy", "Romance"], "A shy Montmartre waitress decides to fix the lives of the people around her while avoiding her own. Jeunet's saturated greens and reds make Paris look like a storybook."),
        new("Mad Max: Fury Road", 2015, ["Action", "Adventure", "Sci-Fi"], "One long chase across the desert and back again. Almost everything you see was done for real, and Furiosa quietly takes the film from its title character."),
        new("Casablanca", 1942, ["Drama", "Romance", "War"], "Rick runs a café in wartime Morocco until the woman who left him walks in. It was written as it was shot, and still almost every line became a quotation."),
        new("Pulp Fiction", 1994, ["Crime", "Comedy"], "Hitmen, a boxer, a gangster's wife and a briefcase, told out of order. Tarantino's dialogue made a generation of screenwriters try to sound like him."),
        new("Alien", 1979, ["Horror", "Sci-Fi"], "The crew of the Nostromo answers a distress call and brings something back on board. Ridley Scott treats space like a haunted house, and Ripley became the template for a new kind of hero."),
        new("The Grand Budapest Hotel", 2014, ["Comedy", "Adventure"], "A concierge and his lobby boy are caught up in a stolen painting and a disputed will. Wes Anderson's nested frames and aspect ratios change with each era of the story."),
        new("City of God", 2002, ["Crime", "Drama"], "Two boys grow up in a Rio favela; one becomes a photographer, the other a gang leader. Shot with mostly non-professional actors, it moves with terrifying energy."),
        new("Whiplash", 2014, ["Drama", "Music"], "A young jazz drummer and the conductor who will break him to make him great. The final concert plays like an action climax."),
        new("Princess Mononoke", 1997, ["Animation", "Fantasy", "Adventure"], "A cursed prince is caught between forest gods and an iron-making town. Miyazaki refuses to give either side the role of villain."),
        new("No Country for Old Men", 2007, ["Crime", "Thriller", "Western"], "A hunter finds a case of drug money and a killer comes for it. The Coens leave out the score almost entirely, and silence becomes the tension."),
        new("Singin' in the Rain", 1952, ["Comedy", "Music", "Romance"], "Hollywood's switch to sound, told as a musical. The title number was shot with Gene Kelly running a fever, which you would never guess."),
        new("The Silence of the Lambs", 1991, ["Crime", "Thriller", "Horror"], "An FBI trainee asks an imprisoned cannibal for help catching another killer. Hopkins is on screen for about sixteen minutes and owns the film."),
        new("Arrival", 2016, ["Sci-Fi", "Drama", "Mystery"], "A linguist is brought in to talk to visitors whose ships hang above the earth. Its twist is about grammar, and it is one of the most moving in the genre."),
        new("Moonlight", 2016, ["Drama"], "Three chapters in the life of Chiron, growing up in Miami. Every chapter is played by a different actor and yet it feels like one person throughout."),
        new("Inception", 2010, ["Action", "Sci-Fi", "Thriller"], "Thieves who steal from dreams are hired to plant an idea instead. The hallway fight was built as a rotating set; does the top fall at the end?"),
        new("Persepolis", 2007, ["Animation", "Drama", "History"], "Marjane Satrapi's own story of growing up through the Iranian revolution, adapted from her graphic novels in stark black and white."),
        new("The Good, the Bad and the Ugly", 1966, ["Western", "Adventure"], "Three gunmen race for buried Confederate gold. Morricone's score and Leone's close-ups turn the final three-way standoff into an opera."),
        new("Get Out", 2017, ["Horror", "Mystery", "Thriller"], "A young man visits his white girlfriend's parents for the weekend. Jordan Peele's debut works as satire and as a horror film at the same time."),
        new("Paddington 2", 2017, ["Family", "Comedy", "Adventure"], "Paddington is framed for stealing a pop-up book and brings marmalade to prison. Hugh Grant is the best villain of the decade, and we will hear no argument."),
    ];
}
