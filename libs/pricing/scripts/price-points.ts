/**
 * Believable EUR shelf prices for the products of the embedded catalog (libs/products), matched by
 * product name within the product's category, first match wins. Ranges are whole euros; the
 * generator picks inside a range and adds the category's cents. A name no rule knows gets the
 * category's fallback range.
 */
export interface PricePoint {
  readonly name: RegExp;
  readonly minEuros: number;
  readonly maxEuros: number;
}

export interface Category {
  readonly name: string;
  /** Id range, agreed with the Products catalog (issue 3): sku-001..sku-060 are coffee & tea, and so on. */
  readonly first: number;
  readonly last: number;
  /** Price endings in cents, e.g. 90 for 12.90. */
  readonly cents: readonly number[];
  readonly fallback: Omit<PricePoint, 'name'>;
  readonly points: readonly PricePoint[];
}

const point = (name: RegExp, minEuros: number, maxEuros: number): PricePoint => ({ name, minEuros, maxEuros });

export const CATEGORIES: readonly Category[] = [
  {
    name: 'coffee & tea',
    first: 1,
    last: 60,
    cents: [50, 90],
    fallback: { minEuros: 4, maxEuros: 14 },
    points: [
      point(/Espresso Blend.*1 kg/, 24, 27),
      point(/Espresso Blend/, 7, 8),
      point(/Decaf Coffee/, 8, 9),
      point(/Coffee, .*1 kg/, 32, 41),
      point(/Coffee, .*250 g/, 9, 13),
      point(/Espresso Capsules/, 3, 4),
      point(/Cold Brew Coffee Bags/, 6, 7),
      point(/Matcha/, 19, 24),
      point(/Tea Bags/, 3, 5),
      point(/Loose Leaf 50 g/, 4, 6),
      point(/(Darjeeling First Flush|Oolong).*Loose Leaf/, 12, 16),
      point(/Loose Leaf 100 g/, 6, 9),
    ],
  },
  {
    name: 'kitchen',
    first: 61,
    last: 120,
    cents: [95, 99],
    fallback: { minEuros: 9, maxEuros: 49 },
    points: [
      point(/Cast Iron Skillet, 20 cm/, 29, 32),
      point(/Cast Iron Skillet, 26 cm/, 39, 42),
      point(/Cast Iron Skillet, 30 cm/, 49, 54),
      point(/Saucepan, 1\.5 l/, 34, 38),
      point(/Saucepan, 2\.5 l/, 44, 48),
      point(/Saucepan, 3\.5 l/, 54, 58),
      point(/Chef's Knife, 15 cm/, 49, 55),
      point(/Chef's Knife, 20 cm/, 69, 75),
      point(/Santoku Knife/, 59, 65),
      point(/Bread Knife/, 39, 44),
      point(/Paring Knife/, 19, 23),
      point(/Cutting Board/, 69, 89),
      point(/Espresso Cup/, 7, 8),
      point(/Stoneware Mug/, 12, 15),
      point(/French Press, 350 ml/, 24, 27),
      point(/French Press, 1 l/, 34, 38),
      point(/Pour-Over Dripper/, 19, 24),
      point(/Gooseneck Kettle/, 49, 59),
      point(/Coffee Grinder/, 59, 69),
      point(/Kitchen Scale/, 19, 24),
      point(/Spatula Set|Wooden Spoon Set/, 12, 16),
      point(/Mixing Bowl Set/, 24, 34),
      point(/Dutch Oven, 24 cm/, 119, 129),
      point(/Dutch Oven, 28 cm/, 159, 169),
      point(/Frying Pan, 24 cm/, 29, 33),
      point(/Frying Pan, 28 cm/, 39, 43),
      point(/Baking Sheet|Rolling Pin|Oven Gloves/, 14, 17),
      point(/Loaf Tin/, 12, 14),
      point(/Springform/, 16, 19),
      point(/Salad Spinner|Colander|Glass Teapot/, 24, 29),
      point(/Pepper Mill|Mortar and Pestle/, 29, 36),
      point(/Salt Cellar|Box Grater/, 19, 23),
      point(/Tea Towel Set/, 16, 19),
      point(/Storage Jar, 1 l/, 8, 9),
      point(/Storage Jar, 2 l/, 11, 12),
      point(/Measuring Cup Set|Whisk|Tongs|Ladle/, 9, 12),
      point(/Cooling Rack|Herb Scissors/, 11, 14),
      point(/Cast Iron Teapot/, 39, 45),
      point(/Milk Frother/, 14, 17),
      point(/Serving Board/, 34, 39),
    ],
  },
  {
    name: 'books',
    first: 121,
    last: 180,
    cents: [99],
    fallback: { minEuros: 12, maxEuros: 29 },
    points: [
      point(/, Paperback$/, 12, 17),
      point(/, Hardcover$/, 22, 29),
    ],
  },
  {
    name: 'stationery',
    first: 181,
    last: 240,
    cents: [50, 90],
    fallback: { minEuros: 2, maxEuros: 19 },
    points: [
      point(/A5 (Dotted|Lined) Notebook/, 14, 16),
      point(/A4 Squared Notebook/, 17, 19),
      point(/Hardcover Journal/, 19, 24),
      point(/Pocket Notebook/, 8, 10),
      point(/Fountain Pen Ink/, 9, 12),
      point(/Fountain Pen,/, 29, 39),
      point(/Ballpoint Refill/, 4, 5),
      point(/Ballpoint Pen/, 24, 34),
      point(/Gel Pen Set|Graphite Pencil Set|Fineliner Set/, 9, 14),
      point(/Coloured Pencil Set|Brush Pen Set/, 14, 19),
      point(/Mechanical Pencil/, 8, 12),
      point(/Highlighter Set|Pencil Sharpener|Steel Ruler/, 6, 9),
      point(/Weekly Planner.*A5|Desk Calendar/, 16, 19),
      point(/Weekly Planner.*A6/, 12, 14),
      point(/Sticky Notes|Eraser Pack|Index Cards/, 2, 4),
      point(/Washi Tape Set|Letter Writing Pad/, 9, 12),
      point(/Envelopes|Paper Clips|Document Folder/, 5, 7),
      point(/Greeting Card Set|Paper Scissors|Bookmark Set/, 12, 14),
      point(/Sketchbook, A4|Stapler/, 16, 19),
      point(/Sketchbook, A5/, 11, 13),
      point(/Watercolour Set|Pen Case, Leather/, 29, 36),
      point(/Pen Case, Canvas|Address Book/, 14, 16),
      point(/Desk Organiser/, 34, 39),
      point(/Guest Book|Calligraphy Starter Set|Tape Dispenser/, 24, 29),
      point(/Sealing Wax Kit|Whiteboard/, 19, 24),
    ],
  },
  {
    name: 'home & garden',
    first: 241,
    last: 300,
    cents: [90, 95],
    fallback: { minEuros: 6, maxEuros: 49 },
    points: [
      point(/Plant Pot, 12 cm|Plant Saucer/, 3, 4),
      point(/Plant Pot, 17 cm/, 5, 6),
      point(/Plant Pot, 25 cm/, 11, 13),
      point(/Planter, .*15 cm/, 14, 16),
      point(/Planter, .*20 cm/, 22, 26),
      point(/Watering Can/, 29, 39),
      point(/Secateurs/, 24, 34),
      point(/Trowel|Hand Fork|Gardening Gloves|Bud Vase|Plant Mister/, 12, 14),
      point(/Kneeling Pad|Herb Seed Collection|Picture Frame, 13 x 18/, 9, 12),
      point(/Tomato Seeds/, 2, 3),
      point(/Wildflower Seed Mix|Seed Starting Tray/, 5, 7),
      point(/Potting Compost, 10 l|Garden Twine/, 4, 5),
      point(/Potting Compost, 40 l/, 11, 13),
      point(/Bird Feeder|Window Box Planter|Leaf Rake|Plant Hanger/, 14, 19),
      point(/Bird House|String Lights|Cushion Cover|Flower Vase|Solar Path Lights|Draught Excluder/, 24, 29),
      point(/Citronella Candle/, 12, 14),
      point(/Scented Candle|Bath Towel|Doormat|Picture Frame, A4|Pruning Saw/, 19, 24),
      point(/Wool Throw/, 69, 89),
      point(/Storage Basket, Medium|Garden Hose, 15 m/, 24, 29),
      point(/Storage Basket, Large|Garden Hose, 25 m|Laundry Basket/, 34, 39),
      point(/Table Lamp/, 59, 79),
      point(/Wall Clock/, 34, 45),
      point(/Outdoor Lantern/, 29, 34),
      point(/Compost Bin/, 59, 69),
      point(/Hammock|Tablecloth/, 49, 59),
      point(/Garden Chair/, 89, 119),
    ],
  },
];
