// The words of two or three letters in misaki's gold lexicons (us_gold.json and gb_gold.json, lowercase keys), so
// that the normalizer, which has no lexicon, can tell a short word ("got", "new", "my") from a short initialism
// ("ATT", "UPS", "TV": the lexicons keep those in capitals, if at all). Made with:
//   node -e 'const g={...require("./us_gold.json"),...require("./gb_gold.json")};
//     console.log(Object.keys(g).filter((k)=>/^[a-z]{2,3}$/.test(k)).sort().join(" "))'
export const SHORT_WORDS: ReadonlySet<string> = new Set(
  (
    "aa abs ace ach act ad add ado ae aft ag aga age ago ah aha ahh ahi ai aid ail aim air ait alb ale all alp am amp " +
    "an ana and ani ant any ape app apt arb arc are arf ark arm art as ash ask asp ass at ate ati auk ave avi avo aw " +
    "awe awk awl awn aww ax axe aye ba baa bab bad bae bag bah bai bam ban bao bap bar bas bat bay bbq bcc be bed bee " +
    "beg bel ben bet bey bi bib bid big bin bio bis bit biz bo boa bob bod bog boo bop bot bow box boy bra bro bub " +
    "bud bug bum bun bur bus but buy by bye cab cad cal cam can cap car cat caw cay cel cep chi cig cis cob cod cog " +
    "col com con coo cop cor cos cot cow cox coy coz cps cru cry cub cud cue cum cup cur cut cuz cwm da dab dad dag " +
    "dah dai dak dal dam dan dap dat daw dax day deb dee def del dem den dep dew dex dib did die dig dim din dip dis " +
    "dit div do dob doc doe dof dog doh dom don dop dor dos dot dox dry dub dud due dug duh dum dun duo dur dut dux " +
    "dye dyn dzo ear eat ebb eco ecu ee eek eel eep eff eft egg ego eh eke el eld elf elk ell elm em emo emu en end " +
    "eon er era ere erf erg erk err ese ess est eta etc eth eve ew ewe ex exp eye fa fab fad fae fag fah fam fan fap " +
    "far fat fax fay fed fee feh fen fet feu few fey fez fib fic fid fie fig fin fir fit fix flu fly fob foe fog fop " +
    "for fou fox fro fry fud fug fun fur gab gad gag gah gak gal gam gap gar gas gat gay gee geg gel gem gen geo get " +
    "gey gi gib gid gif gig gin git gnu go gob goo got goy gsm gub gui gum gun gur gut guv guy gym gyp ha had hae hag " +
    "hai ham hap has hat haw hay he hem hen hep her het hew hex hey hi hic hid hie him hin hip hir his hit hm hmm ho " +
    "hob hod hoe hog hok hom hon hop hot how hoy hub hud hue hug huh hui hum hup hut ice ick icy id ide if ilk ill " +
    "imp imu in ink inn ion ire irk is ish ism iso ist it its ivy iwi ja jab jag jam jap jar jaw jay jel jet jew jib " +
    "jig jit jo job jog jol jot joy jug jun jus jut ka kai kay kea ked kef keg ken kep ket key kid kif kin kip kit " +
    "koa kob koi kop kyu la lab lac lad lag lam lan lap lar lat lav law lax lay lea led lee leg lei lek lem let leu " +
    "lev lex ley lez li lib lid lie lig lip lis lit lo loa lob log loo lop lor lot low lox lud lug lum lur luv lux " +
    "lye ma maa mac mad mag mal mam man map mar mas mat maw max may me med meg meh men met mew mhm mho mi mic mid mil " +
    "mim mix mm mmm mo moa mob moc mod moe mog moi mom moo mop mor mot mow mox mu mud mug mum mun mux my na nab nae " +
    "nag nah nai nan nap nav naw nay neb ned nef neg nek net new nib nic nil nim nip nit nix no noa nob nod nog nom " +
    "nor not now nth nu nub nun nup nut oaf oak oar oat oba obi oca och od odd ode of off oft oh ohm oho ohu oi oik " +
    "oil ok oka oke old ole olm om oma on one oof ooh oom op opa ope opt or ora orb orc ore orf org ort os ou oud our " +
    "out ova ow owe owl own owt ox oxy pa pac pad pah pal pan pap par pas pat pav paw pax pay pea pec pee peg pen pep " +
    "per pes pet pew phi pho pi pia pic pie pig pin pip pir pit piu pix ply pm po pod poi pol pop pot pow pox pre pro " +
    "pry psi pub pud pug pul pun pup pus put puy pwn pya pyx qi qua rad rag rah rai raj ram ran rap rat rav raw ray " +
    "re rec red ref reg rem rep res ret rev rez rho ria rib rid rig rim rip rob roc rod roe rom roo rot row rua rub " +
    "rue rug rum run rut rye ryu sab sac sad sag sai sal sam san sap sar sat sav saw sax say saz sea sec see sef sei " +
    "sem sen set sev sew sex sez she sho shy si sib sic sig sim sin sip sir sis sit six ska ski sky sly so sob soc " +
    "sod soh sol som son sop sot sou sov sow sox soy soz spa spy sql sty sub sue sug suh sum sun sup sus swy ta tab " +
    "tad tag tai taj tal tam tan tap tar tat tau taw tax tch tea tec ted tee teg tej ten the tho thy ti tic tie tig " +
    "tik tin tip tit tix to tod toe tog tom ton too top tor tot tow tox toy try tub tug tui tum tun tup tur tut tux " +
    "two ube ugh uh uhh uji uke ulu um ume umm ump umu uni uno up urn us use ute vac van vas vat vav vax vee veg vet " +
    "vex via vid vie vig vim vin voe vog vom vow vox vug wac wad wag wah wan wap war was wat wax way we web wed wee " +
    "wen wet wey who why wic wig win wis wit wo wod woe wog wok won woo wop wot wow wry wuz wye xi xu ya yag yah yak " +
    "yam yap yas yaw yay ye yea yeh yen yep yer yes yet yew yez yi yin yip yo yob yod yon you yow yuh yum yup yus zac " +
    "zag zap zax ze zed zee zig zip zir zit zol zoo"
  ).split(" "),
);
