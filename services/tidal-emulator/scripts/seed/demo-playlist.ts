import { DEMO_ACCOUNT } from '../../src/seed-accounts.js';
/**
 * The demo playlist "Road Trip Classics", in order. A plain string is an available track
 * (`releaseKey#title-or-position`); an object is one of the unavailable items, with the replacement a
 * careful human would pick and the traps a matcher must not fall for. DEMO.md is rendered from this.
 */
export type DemoKind = 'isrc' | 'match' | 'none';

export interface DemoRef {
  ref: string;
  why: string;
}

export interface DemoCase {
  ref: string;
  kind: DemoKind;
  /** The replacement; absent for `none`. */
  pick?: DemoRef;
  /** Other acceptable choices (same recording on a less preferred release). */
  alternatives?: DemoRef[];
  /** Same recording, but also unavailable in US. */
  unavailableTwins?: DemoRef[];
  traps: DemoRef[];
}

export const DEMO_PLAYLIST_ID = DEMO_ACCOUNT.playlistId;
export const DEMO_USER_ID = DEMO_ACCOUNT.userId;

export const DEMO_ITEMS: ReadonlyArray<string | DemoCase> = [
  'cochrane-mad-mad-world#Life Is a Highway',
  {
    ref: 'bruce-born-to-run#Born to Run',
    kind: 'isrc',
    pick: {
      ref: 'bruce-born-to-run-30th#Born to Run',
      why: 'same ISRC on the 30th Anniversary Edition of the same album (an album, so preferred over the compilations)',
    },
    alternatives: [
      { ref: 'bruce-greatest-hits#Born to Run', why: 'same ISRC, compilation' },
      { ref: 'bruce-essential#Born to Run', why: 'same ISRC, compilation, 1 s longer' },
    ],
    traps: [
      {
        ref: 'bruce-live-75-85#Born to Run',
        why: 'live, credited to Bruce Springsteen & The E Street Band, 1 s shorter',
      },
    ],
  },
  {
    ref: 'fm-rumours#Go Your Own Way',
    kind: 'isrc',
    pick: {
      ref: 'fm-rumours-super-deluxe#Go Your Own Way',
      why: 'same ISRC on Rumours (Super Deluxe), version "2004 Remaster"',
    },
    alternatives: [{ ref: 'fm-very-best#Go Your Own Way', why: 'same ISRC, compilation, 1 s longer' }],
    unavailableTwins: [
      { ref: 'fm-greatest-hits#Go Your Own Way', why: 'same ISRC, but Greatest Hits is not in US either' },
    ],
    traps: [
      { ref: 'fm-rumours-super-deluxe#15', why: 'version "Early Take": another recording, 2 s longer' },
      { ref: 'fm-rumours-super-deluxe#18', why: 'version "Live 1977"' },
      { ref: 'fm-the-dance#Go Your Own Way', why: 'live (The Dance)' },
      { ref: 'midnight-reprise-covers#Go Your Own Way', why: 'cover by another artist, 1 s shorter' },
    ],
  },
  'skynyrd-second-helping#Sweet Home Alabama',
  {
    ref: 'eagles-eagles#Take It Easy',
    kind: 'isrc',
    pick: {
      ref: 'eagles-their-greatest-hits#Take It Easy - 2013 Remaster',
      why: 'same ISRC on Their Greatest Hits (1971-1975); the title carries "- 2013 Remaster" and it is 1 s longer',
    },
    traps: [
      { ref: 'eagles-live#Take It Easy', why: 'live' },
      { ref: 'midnight-reprise-covers#Take It Easy', why: 'cover by another artist' },
    ],
  },
  'steppenwolf-steppenwolf#Born to Be Wild',
  {
    ref: "journey-escape#Don't Stop Believin'",
    kind: 'match',
    pick: {
      ref: "journey-escape-2022#Don't Stop Believin' (2022 Remaster)",
      why: 'the 2022 remaster, issued under a new ISRC; same artist, same song, 1 s longer',
    },
    unavailableTwins: [
      {
        ref: "journey-greatest-hits#Don't Stop Believin'",
        why: "same ISRC, but Journey's Greatest Hits is not in US",
      },
    ],
    traps: [
      { ref: "journey-live-houston#Don't Stop Believin'", why: 'live (Houston 1981)' },
      { ref: "glee-volume-1#Don't Stop Believin'", why: 'cover by Glee Cast, same title exactly' },
    ],
  },
  'golden-earring-moontan#Radar Love',
  'acdc-highway-to-hell#Highway to Hell',
  {
    ref: 'chapman-tracy-chapman#Fast Car',
    kind: 'none',
    unavailableTwins: [
      { ref: 'chapman-greatest-hits#Fast Car', why: 'same ISRC, but Greatest Hits is not in US either' },
    ],
    traps: [
      { ref: 'va-mandela-tribute#Fast Car', why: 'live at Wembley 1988, only 5 s longer' },
      { ref: 'combs-gettin-old#Fast Car', why: "Luke Combs' cover, more popular than the original" },
      { ref: 'jonas-blue-fast-car#Fast Car (feat. Dakota)', why: 'dance cover by Jonas Blue' },
      { ref: 'neon-freeway-night-shift#Fast Car', why: 'an unrelated song with the same title' },
    ],
  },
  'browne-running-on-empty#Running on Empty',
  'willie-honeysuckle-rose#On the Road Again',
  {
    ref: 'toto-iv#Africa',
    kind: 'isrc',
    pick: {
      ref: 'va-yacht-rock#Africa',
      why: 'same ISRC on the various-artists compilation Yacht Rock Essentials, 1 s shorter',
    },
    traps: [
      { ref: 'weezer-teal#Africa', why: "Weezer's cover" },
      { ref: 'toto-live-amsterdam#Africa', why: 'live' },
      { ref: 'midnight-reprise-covers#Africa', why: 'cover by another artist' },
    ],
  },
  "allman-brothers-and-sisters#Ramblin' Man",
  'denver-poems#Take Me Home, Country Roads',
  'elo-out-of-the-blue#Mr. Blue Sky',
  {
    ref: 'eagles-hotel-california#Hotel California',
    kind: 'none',
    unavailableTwins: [
      {
        ref: 'eagles-hotel-california-40th#Hotel California - 2013 Remaster',
        why: 'same ISRC on the 40th Anniversary edition, returned but greyed out',
      },
    ],
    traps: [
      { ref: 'eagles-live#Hotel California', why: 'live (Eagles Live), only 4 s longer' },
      { ref: 'eagles-hell-freezes-over#Hotel California', why: 'version "Live on MTV, 1994"' },
      {
        ref: 'gipsy-kings-greatest-hits#Hotel California',
        why: 'cover by Gipsy Kings, version "Spanish Mix"',
      },
      {
        ref: 'marigold-coast-motel-postcards#Hotel California',
        why: 'an unrelated song with the same title',
      },
    ],
  },
  "bonjovi-slippery#Livin' on a Prayer",
  "gnr-greatest-hits#Sweet Child O' Mine",
  'boston-boston#More Than a Feeling',
  {
    ref: 'aha-hunting-high-and-low#Take On Me',
    kind: 'match',
    pick: {
      ref: 'aha-headlines#Take On Me',
      why: 'the song on the hits compilation under a separate US ISRC; same artist, 1 s longer',
    },
    traps: [
      { ref: 'aha-mtv-unplugged#Take On Me - MTV Unplugged', why: 'live acoustic, 20 s longer' },
      { ref: 'weezer-teal#Take On Me', why: "Weezer's cover, exactly as long as the pick" },
    ],
  },
  "va-80s-gold#Jessie's Girl",
  'dexys-too-rye-ay#Come On Eileen',
  'katrina-waves#Walking on Sunshine',
  {
    ref: 'queen-hot-space#Under Pressure',
    kind: 'isrc',
    pick: { ref: 'queen-greatest-hits-ii#Under Pressure', why: 'same ISRC on Greatest Hits II, 1 s longer' },
    unavailableTwins: [
      {
        ref: 'queen-hot-space-2011#Under Pressure - Remastered 2011',
        why: 'same ISRC on the 2011 remaster, returned but greyed out',
      },
    ],
    traps: [
      {
        ref: 'queen-greatest-hits-iii#Under Pressure (Rah Mix)',
        why: 'remix, exactly as long as the original',
      },
      { ref: 'queen-live-at-wembley#Under Pressure', why: "live at Wembley '86, Queen only" },
      { ref: 'used-mcr-under-pressure#Under Pressure', why: 'cover by The Used & My Chemical Romance' },
    ],
  },
  'beatles-abbey-road-2009#Here Comes The Sun - Remastered 2009',
  'doors-morrison-hotel#Roadhouse Blues',
  "petty-full-moon-fever#Free Fallin'",
  {
    ref: 'killers-hot-fuss#Mr. Brightside',
    kind: 'none',
    unavailableTwins: [
      { ref: 'killers-direct-hits#Mr. Brightside', why: 'same ISRC, but Direct Hits is not in US' },
    ],
    traps: [
      {
        ref: 'killers-mr-brightside-remix#Mr. Brightside',
        why: 'remix (version "Jacques Lu Cont\'s Thin White Duke Mix"), title identical',
      },
      { ref: 'killers-royal-albert-hall#Mr. Brightside', why: 'live' },
      { ref: 'midnight-reprise-covers#Mr. Brightside', why: 'cover by another artist' },
    ],
  },
  'cars-heartbeat-city#Drive',
  'van-halen-1984#Jump',
  'crue-dr-feelgood#Kickstart My Heart',
  {
    ref: 'taylor-fearless#Love Story',
    kind: 'none',
    unavailableTwins: [
      {
        ref: 'taylor-fearless-platinum#Love Story',
        why: 'same ISRC on the Platinum Edition, greyed out too',
      },
    ],
    traps: [
      {
        ref: "taylor-fearless-tv#Love Story (Taylor's Version)",
        why: 'the re-recording: a different recording, never swapped in unasked (a reviewer may pick it; it is a runner-up)',
      },
      {
        ref: "taylor-love-story-elvira#Love Story (Taylor's Version) [Elvira Remix]",
        why: 'remix of the re-recording',
      },
      { ref: 'indila-mini-world#Love Story', why: 'an unrelated song by Indila' },
      { ref: 'midnight-reprise-covers#Love Story', why: 'cover by another artist' },
    ],
  },
  "adams-reckless#Summer of '69",
  'dire-straits-dire-straits#Sultans of Swing',
  'seger-stranger-in-town#Old Time Rock & Roll',
  {
    ref: 'santana-supernatural#Smooth (feat. Rob Thomas)',
    kind: 'match',
    pick: {
      ref: 'santana-ultimate#Smooth',
      why: 'same song on Ultimate Santana under another ISRC: plain title, Rob Thomas credited as an artist instead of in the title, 1 s longer',
    },
    traps: [
      { ref: 'santana-smooth-single#1', why: 'version "Radio Edit", 54 s shorter' },
      { ref: 'santana-smooth-single#2', why: 'version "El Gordo Mix"' },
      { ref: 'fgl-dig-your-roots#Smooth', why: 'an unrelated song by Florida Georgia Line' },
      { ref: 'midnight-reprise-covers#Smooth', why: 'cover by another artist' },
    ],
  },
  'steve-miller-fly#Fly Like an Eagle',
  {
    ref: 'queen-opera#Bohemian Rhapsody',
    kind: 'none',
    unavailableTwins: [
      {
        ref: 'queen-greatest-hits#Bohemian Rhapsody',
        why: 'same ISRC, but Greatest Hits is not in US either',
      },
    ],
    traps: [
      { ref: 'queen-live-at-wembley#Bohemian Rhapsody', why: "live at Wembley '86, only 3 s shorter" },
      { ref: 'queen-bohemian-soundtrack#Bohemian Rhapsody - Live Aid', why: 'live (Live Aid), 2:28' },
      { ref: 'va-suicide-squad#Bohemian Rhapsody', why: 'cover by Panic! At The Disco' },
      { ref: 'muppets-bohemian#Bohemian Rhapsody', why: 'cover by The Muppets' },
      { ref: 'midnight-reprise-covers#Bohemian Rhapsody', why: 'cover by another artist' },
    ],
  },
  'sg-bookends#Mrs. Robinson',
  'hall-oates-bigger#Rich Girl',
  'abba-gold#Dancing Queen',
  'beyonce-dangerously#Crazy in Love (feat. JAY-Z)',
  'daft-punk-ram#Get Lucky (feat. Pharrell Williams and Nile Rodgers)',
  {
    ref: 'esmz-up-from-below#Home',
    kind: 'none',
    traps: [
      { ref: 'esmz-live-austin#Home', why: 'live, over a minute longer' },
      { ref: 'phillips-world#Home', why: 'an unrelated song by Phillip Phillips' },
      { ref: 'buble-its-time#Home', why: 'an unrelated song by Michael Bublé' },
      { ref: 'daughtry-daughtry#Home', why: 'an unrelated song by Daughtry' },
      { ref: 'mumford-babel#Home', why: 'an unrelated song by Mumford & Sons' },
      { ref: 'midnight-reprise-covers#Home', why: 'cover by another artist' },
    ],
  },
  'ronson-uptown-special#Uptown Funk (feat. Bruno Mars)',
  'ccr-willy#Fortunate Son',
  {
    ref: 'sigur-ros-takk#Hoppípolla',
    kind: 'match',
    pick: {
      ref: 'sigur-ros-hoppipolla-single#Hoppipolla',
      why: 'the UK single: title without the accent, its own ISRC, 1 s longer',
    },
    traps: [
      { ref: 'sigur-ros-inni#Hoppípolla', why: 'live (Inni)' },
      { ref: 'aurora-post-rock#Hoppípolla', why: 'string-quartet cover by another artist' },
    ],
  },
  "who-whos-next#Baba O'Riley",
  'stones-let-it-bleed#Gimme Shelter',
  'prince-1999#Little Red Corvette',
  'kansas-leftoverture#Carry On Wayward Son',
  'ss38-wild-eyed#Hold On Loosely',
  "dead-american-beauty#Truckin'",
  'lumineers-lumineers#Ho Hey',
  'talking-heads-little-creatures#Road to Nowhere',
  "boc-agents#(Don't Fear) The Reaper",
  'fm-fleetwood-mac#Landslide',
  'major-lazer-peace-is-the-mission#Lean On (feat. MØ & DJ Snake)',
  'zeppelin-ii#Ramble On - Remaster',
];
