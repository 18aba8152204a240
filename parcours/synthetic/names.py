"""Noms et prénoms des données synthétiques : fréquents en France pour des jeunes nés de 1998 à 2010.

Listes rangées du plus au moins fréquent ; ``zipf_weights`` en tire des poids décroissants, pour
que la recherche par fragment rencontre des homonymes comme dans une vraie mission locale.
Quelques noms accentués, composés ou à particule servent aux tests de la recherche.
"""

LAST_NAMES = """
Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefebvre Leroy
Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller
Lefèvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia
Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont
Marie Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet Gaillard
Barbier Arnaud Martinez Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre
Aubert Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland
Leclercq Guillaume Lecomte Lopez Jean Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin
Louis Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry
Guyot Carré Charles Renault Charpentier Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez
Le_Gall Collet Léger Bouvier Julien Prévost Millet Perrot Daniel Le_Roux Cousin Germain Breton Besson
Langlois Rémy Le_Goff Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal Weber Mallet Hamon
Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet Étienne Grondin Poulain Tessier Chevallier
Collin Chauvin Da_Silva Bouchet Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine Hoarau Perret
Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier Laporte Gonzalez Dos_Santos
Ferreira Pereira Rodrigues Martins Fernandes Gomes Lopes Alves Oliveira Mendes Benali Haddad Mansouri
Belkacem Bouzid Brahimi Cherif Hamidi Khelifi Mebarki Saidi Amrani Benyahia Boukhari Djebbar Ait_Ahmed
Benhamou Bensaïd Chaoui El_Amrani El_Idrissi Ouali Rahmani Slimani Ziani Zerrouki Traoré Diallo Koné
Camara Cissé Coulibaly Diarra Keita Sylla Touré Bamba Diop Ndiaye Sow Fofana Sangaré Konaté Kanté
Mendy Gomis Sarr Faye Nguyen Tran Le Pham Huynh Vo Dang Bui Yilmaz Kaya Demir Çelik Şahin Öztürk
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa
Giordano Mancini Rizzo Lombardi Moretti Schmitt Kieffer Wagner Becker Hoffmann Koch Richter Fischer
Lebon Lebreton Le_Bihan Le_Corre Le_Guen Le_Floch Kerbrat Tanguy Guillou Jaouen Quéré Riou Cloarec
Castel Bonnefoy Delmas Vidalenc Carrère Larrieu Etcheverry Harispe Lacoste Dupré Laborde Labat
Lagarde Marchetti Santoni Casanova Pietri Albertini Ottaviani Leca Pinelli Mattei Filippi Cristofari
Grosjean Petitjean Bonhomme Beaumont Beaulieu Bellamy Delacroix Desmoulins Dumoulin Duchêne Duchemin
Delattre Deleplace Dewaele Vandenberghe Vanhoutte Decottignies Verhaeghe Lemaire Wallart Delporte
Descamps Lecocq Dhainaut Hennebelle Caudron Merlin Flament Vandamme Cappelle Ducrocq Dequidt
Courtois Prud'homme Saint-Martin Saint-Louis Jean-Baptiste Jean-Louis Pierre-Louis Désiré Célestin
Édouard Éloi Hénon Bégué Fèvre Lefèbvre Lesueur Lévy Cohen Bensimon Abitbol Attal Azoulay Dahan
Zerbib Sebbag Ohayon Amar Ben_Ali Ben_Youssef Jaziri Trabelsi Gharbi Mejri Hammami Ayari Chebbi
Kouassi Konan Yao Kouamé N'Guessan Mbappé Mbemba Lukusa Kabongo Tshibangu Mukendi Ilunga Nsimba
Rakotomalala Randriamampionona Razafindrakoto Rabemananjara Ramanantsoa Abdallah Said Ahamada Attoumani
Madi Mohamed Ali Hassani Soilihi Boina Dupuy-Fabre Martin-Lefèvre Morel-Duval Garcia-Lopez
""".split()

# Une espace dans un nom (Le Gall, Da Silva…) est écrite « _ » dans la liste ci-dessus.
LAST_NAMES = list(dict.fromkeys(name.replace("_", " ") for name in LAST_NAMES))

FEMALE_FIRST_NAMES = """
Emma Léa Chloé Manon Inès Camille Jade Sarah Lina Louise Zoé Lola Léna Clara Océane Anaïs Lucie Juliette
Maëlys Laura Marie Mathilde Élise Julie Pauline Eva Romane Lou Alice Ambre Mélissa Yasmine Nina Louna
Margaux Justine Marine Émilie Charlotte Amandine Morgane Noémie Alicia Cassandra Aya Maya Kenza Salomé
Lilou Méline Léonie Agathe Capucine Héloïse Rose Anna Mila Clémence Éloïse Axelle Jeanne Victoria Elsa
Lisa Célia Amira Ilana Assia Myriam Nour Rania Sofia Fatoumata Aïcha Mariam Awa Kadiatou Aminata Coumba
Hawa Naëlle Maëlle Sirine Shaïna Kelly Jessica Audrey Mélanie Ophélie Laurine Coralie Cindy
Estelle Gwendoline Solène Fanny Marion Aurélie Élodie Aurore Clémentine Adèle Victoire Lyna Imane
Sabrina Naïma Samira Leïla Soraya Nadia Djeneba Binta Khadija Mariama Tiphaine Perrine Bérénice
Apolline Constance Inaya Ayline Selma Hanna Lana Luna Julia Giulia Ana Beatriz Tatiana Nathalia
Thaïs Enora Nolwenn Gwenaëlle Maïwenn Katell Loane Lilly Jennifer Vanessa Stéphanie Priscilla
""".split()

MALE_FIRST_NAMES = """
Lucas Hugo Thomas Théo Nathan Enzo Louis Mathis Maxime Alexandre Clément Antoine Quentin Kylian Tom
Baptiste Léo Jules Raphaël Gabriel Arthur Adam Noah Mohamed Yanis Rayan Ethan Nolan Paul Victor Valentin
Romain Julien Nicolas Kevin Dylan Florian Axel Corentin Alexis Matteo Evan Sacha Timéo Mehdi Bilal Ilyes
Samy Amine Sofiane Karim Walid Yassine Anis Hamza Ismaël Moussa Mamadou Ibrahima Ousmane Abdoulaye
Boubacar Seydou Amadou Souleymane Lamine Cheick Jordan Anthony Jérémy Benjamin Mathieu Guillaume
Aurélien Adrien Loïc Bastien Dorian Killian Mattéo Noé Eliott Martin Simon Pierre Jean Tristan Robin
Gaël Erwan Yann Ronan Titouan Malo Elouan Mathéo Lenny Liam Aaron Ryan Ilan Naël Ayoub Younes Idriss
Zakaria Nassim Rayane Wassim Marwane Youssef Khalil Omar Ali Issa Amir Diego Luca Pedro Rafael Tiago
Rodrigo Sébastien Jérôme Cédric Grégory Steven Brandon Kenzo Jason Jonathan Mickaël Rémi Hadrien
Gauthier Octave Augustin Côme Jean-Baptiste Pierre-Louis Marc-Antoine Jean-Pierre Mohamed-Amine
""".split()

FEMALE_FIRST_NAMES = list(dict.fromkeys(FEMALE_FIRST_NAMES))
MALE_FIRST_NAMES = list(dict.fromkeys(MALE_FIRST_NAMES))


def zipf_weights(count, exponent=0.85, offset=8):
    """Poids décroissants façon Zipf : les premiers noms sont beaucoup plus fréquents que les derniers."""
    return [1.0 / (rank + offset) ** exponent for rank in range(count)]
