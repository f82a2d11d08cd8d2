// Given names that rulers, popes and patriarchs have borne with a number, in their usual English forms. A Roman
// numeral after a run of capitalized words that holds one of them is a regnal or generational ordinal ("Henry VIII",
// "Pope John Paul II", "Robert Griffin III" → "the Third"); after other capitalized words it is a plain number, as in
// the titles of works and products ("Final Fantasy VII" → "seven", "Street Fighter II" → "two"). The list is of names,
// not of the works: a name missing here reads as a number, which is the safer miss for a word never seen with one.
export const REGNAL_NAMES: ReadonlySet<string> = new Set([
  // English, Scottish and British
  "Edward", "Henry", "Richard", "William", "George", "Elizabeth", "Mary", "Anne", "James", "Charles", "John", "Stephen",
  "Edmund", "Harold", "Malcolm", "Duncan", "Kenneth", "Constantine", "Alexander", "David", "Robert", "Donald", "Edgar",
  "Alfred", "Athelstan", "Ethelred", "Canute", "Cnut", "Victoria", "Matilda",
  // French, Spanish, Portuguese, Italian
  "Louis", "Philip", "Philippe", "Francis", "Francois", "Napoleon", "Hugh", "Lothair", "Pepin", "Carloman", "Ferdinand",
  "Isabella", "Isabel", "Alfonso", "Alphonse", "Sancho", "Juan", "Carlos", "Felipe", "Fernando", "Enrique", "Pedro",
  "Peter", "Manuel", "Afonso", "Joao", "Sebastian", "Maria", "Umberto", "Humbert", "Victor", "Emmanuel", "Amadeus",
  "Joanna", "Joan", "Ramiro", "Jaime",
  // German, Austrian, Dutch, Scandinavian, Central and Eastern European
  "Frederick", "Friedrich", "Wilhelm", "Otto", "Conrad", "Rudolf", "Rudolph", "Leopold", "Joseph", "Maximilian",
  "Sigismund", "Wenceslaus", "Ludwig", "Albert", "Albrecht", "Ernest", "Ernst", "Augustus", "August", "Christian",
  "Christina", "Christopher", "Frederik", "Gustav", "Gustavus", "Gustaf", "Carl", "Karl", "Eric", "Erik",
  "Haakon", "Olaf", "Olav", "Harald", "Magnus", "Sverre", "Oscar", "Valdemar", "Margaret", "Margrethe", "Willem",
  "Beatrix", "Juliana", "Wilhelmina", "Casimir", "Stanislaus", "Stanislaw", "Boleslaw", "Wladyslaw",
  "Bela", "Andrew", "Ladislaus", "Matthias", "Ottokar", "Vladislaus", "Stefan", "Milan", "Carol", "Michael", "Mihai",
  "Ivan", "Vasily", "Dmitry", "Fyodor", "Nicholas", "Alexis", "Catherine", "Paul", "Anna", "Boris",
  "Simeon", "Zog",
  // Popes and patriarchs
  "Benedict", "Gregory", "Leo", "Pius", "Innocent", "Clement", "Boniface", "Urban", "Sixtus", "Julius", "Adrian",
  "Hadrian", "Celestine", "Honorius", "Martin", "Eugene", "Eugenius", "Callixtus", "Calixtus", "Marcellus", "Sergius",
  "Felix", "Sylvester", "Silvester", "Anastasius", "Lucius", "Gelasius", "Pelagius",
  "Theodore", "Damasus", "Marinus", "Agapetus", "Linus", "Anacletus", "Evaristus", "Hyginus", "Anicetus",
  "Soter", "Zephyrinus", "Pontian", "Fabian", "Cornelius", "Dionysius", "Eutychian", "Caius", "Marcellinus",
  "Eusebius", "Miltiades", "Mark", "Liberius", "Siricius", "Zosimus", "Hilarius", "Simplicius", "Hormisdas", "Vigilius",
  "Bartholomew", "Kirill", "Shenouda", "Tawadros", "Cyril", "Athenagoras",
  // Byzantine, Roman, Middle Eastern, North African, Asian
  "Justinian", "Theodosius", "Basil", "Romanos", "Romanus", "Alexios", "Alexius", "Andronikos", "Andronicus", "Isaac",
  "Leontius", "Heraclius", "Tiberius", "Valentinian", "Valens", "Gordian", "Ptolemy", "Cleopatra", "Antiochus",
  "Seleucus", "Mithridates", "Herod", "Darius", "Xerxes", "Artaxerxes", "Cyrus", "Cambyses", "Ramesses", "Ramses",
  "Rameses", "Thutmose", "Amenhotep", "Seti", "Sesostris", "Senusret", "Psamtik", "Nebuchadnezzar", "Sargon",
  "Shalmaneser", "Ashurnasirpal", "Hammurabi", "Mehmed", "Murad", "Selim", "Suleiman", "Bayezid", "Ahmed",
  "Mustafa", "Osman", "Mahmud", "Abdulhamid", "Abdulmejid", "Mohammed", "Muhammad", "Mohammad", "Hassan", "Hussein",
  "Abdullah", "Faisal", "Fuad", "Farouk", "Idris", "Reza", "Rama", "Mswati", "Sobhuza", "Letsie", "Moshoeshoe",
  "Tupou", "Kamehameha", "Norodom", "Sisowath", "Akbar", "Jahangir", "Menelik", "Tewodros", "Yohannes",
]);

// Of those, the names a ruler or pope has borne with the number ten or more (Louis X, Charles X, Pius X, Frederik X,
// Alfonso X, Rama X...). A lone "X" is also a letter, and stands for a surname after other given names ("Malcolm X":
// the Malcolms of Scotland stop at IV), so only after these names does it read as "the Tenth" without a title.
export const NAMES_REACHING_TEN: ReadonlySet<string> = new Set([
  "Louis", "Charles", "Carl", "Karl", "Christian", "Frederick", "Frederik", "Alfonso", "Henry", "Eric", "Erik",
  "Constantine", "Rama", "Pius", "Leo", "Clement", "Gregory", "John", "Innocent", "Benedict", "Stephen",
  "Ptolemy", "Ramesses", "Ramses", "Rameses", "Antiochus",
]);
