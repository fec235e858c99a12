/**
 * Where and what Scotland's social service employers are, for plausible generated proportions.
 * Regions are the 32 council areas, weighted by population (National Records of Scotland mid-year
 * estimates, rounded to thousands: approximate, enough for realistic segments). Sector shares are by
 * number of employers: most are private (care homes, care at home) and voluntary providers; public
 * employers (councils and their services) are fewer but larger (`SECTOR_SIZE_FACTOR`).
 */
export const COUNCIL_AREAS: readonly (readonly [string, number])[] = [
  ['Aberdeen City', 227],
  ['Aberdeenshire', 262],
  ['Angus', 116],
  ['Argyll and Bute', 86],
  ['City of Edinburgh', 527],
  ['Clackmannanshire', 51],
  ['Dumfries and Galloway', 148],
  ['Dundee City', 148],
  ['East Ayrshire', 122],
  ['East Dunbartonshire', 109],
  ['East Lothian', 109],
  ['East Renfrewshire', 96],
  ['Falkirk', 161],
  ['Fife', 374],
  ['Glasgow City', 635],
  ['Highland', 238],
  ['Inverclyde', 77],
  ['Midlothian', 94],
  ['Moray', 96],
  ['Na h-Eileanan Siar', 26],
  ['North Ayrshire', 134],
  ['North Lanarkshire', 341],
  ['Orkney Islands', 22],
  ['Perth and Kinross', 152],
  ['Renfrewshire', 179],
  ['Scottish Borders', 116],
  ['Shetland Islands', 23],
  ['South Ayrshire', 112],
  ['South Lanarkshire', 322],
  ['Stirling', 94],
  ['West Dunbartonshire', 88],
  ['West Lothian', 184],
];

export type GeneratedSector = 'public' | 'private' | 'voluntary';

export const SECTOR_SHARES: readonly (readonly [GeneratedSector, number])[] = [
  ['private', 45],
  ['voluntary', 40],
  ['public', 15],
];

/** How much larger an employer of the sector is, on average. */
export const SECTOR_SIZE_FACTOR: Record<GeneratedSector, number> = { public: 4, private: 1, voluntary: 0.8 };

/** Service types per sector, weighted (the Care Inspectorate's kinds of registered service, roughly). */
export const SERVICE_TYPES: Record<GeneratedSector, readonly (readonly [string, number])[]> = {
  public: [
    ['social work fieldwork', 4],
    ['care at home', 3],
    ['care home for adults', 2],
    ['residential child care', 1],
    ['day care of children', 2],
  ],
  private: [
    ['care home for adults', 5],
    ['care at home', 4],
    ['day care of children', 3],
    ['nurse agency', 1],
    ['housing support', 1],
  ],
  voluntary: [
    ['housing support', 3],
    ['care at home', 3],
    ['care home for adults', 2],
    ['adult day care', 2],
    ['residential child care', 1],
    ['day care of children', 1],
  ],
};

export type GeneratedSizeBand = 'micro' | 'small' | 'medium' | 'large';

/** Staff headcount bands: micro 1-9, small 10-49, medium 50-249, large 250+. */
export function sizeBandOf(headcount: number): GeneratedSizeBand {
  if (headcount < 10) return 'micro';
  if (headcount < 50) return 'small';
  if (headcount < 250) return 'medium';
  return 'large';
}
