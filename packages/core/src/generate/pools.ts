/**
 * Word pools of the synthetic-case generator: names (Pakistani, Afghan,
 * Arab), transliteration variants, places, banks, consulates, agencies.
 * Plain data, no logic.
 */

export type Origin = 'pk' | 'af' | 'ar';

export const FIRST_NAMES: Record<Origin, { male: readonly string[]; female: readonly string[] }> = {
  pk: {
    male: [
      'Ahmed', 'Ali', 'Usman', 'Bilal', 'Hamza', 'Imran', 'Kashif', 'Asif', 'Tariq', 'Naveed', 'Shahid', 'Zahid',
      'Faisal', 'Adnan', 'Waqas', 'Hussain', 'Hassan', 'Irfan', 'Junaid', 'Rizwan', 'Saqib', 'Tahir', 'Umar',
      'Yasir', 'Zubair', 'Abdul Rehman', 'Ghulam Mustafa', 'Arslan', 'Danish', 'Fahad', 'Haris', 'Jawad',
      'Kamran', 'Mudassar', 'Nadeem', 'Qasim', 'Sajid', 'Shoaib', 'Talha', 'Waseem', 'Zeeshan', 'Sohail',
      'Atif', 'Babar', 'Ehsan', 'Farhan', 'Iftikhar', 'Javed', 'Luqman', 'Mubashir',
    ],
    female: [
      'Ayesha', 'Fatima', 'Sana', 'Saima', 'Nadia', 'Rabia', 'Hina', 'Amina', 'Zainab', 'Mehwish', 'Khadija',
      'Bushra', 'Shazia', 'Farzana', 'Uzma', 'Nazia', 'Sadia', 'Iqra', 'Maryam', 'Samina', 'Kiran', 'Asma',
    ],
  },
  af: {
    male: [
      'Ahmad', 'Abdullah', 'Hamid', 'Wahid', 'Rahim', 'Karim', 'Farhad', 'Gul Agha', 'Zabihullah', 'Rahmatullah',
      'Hekmatullah', 'Najibullah', 'Sayed', 'Mirwais', 'Ajmal', 'Shafiq', 'Jawid', 'Nasir', 'Qadir', 'Wali',
    ],
    female: ['Mariam', 'Zarghona', 'Freshta', 'Nargis', 'Parwana', 'Shabnam', 'Malalai', 'Laila', 'Sadaf', 'Roya'],
  },
  ar: {
    male: ['Omar', 'Khalid', 'Yousef', 'Saeed', 'Abdulaziz', 'Ibrahim', 'Hamad', 'Mansour', 'Nasser', 'Salem', 'Tariq', 'Faisal'],
    female: ['Noor', 'Layla', 'Huda', 'Reem', 'Salma', 'Amal', 'Dana', 'Hessa'],
  },
};

export const LAST_NAMES: Record<Origin, readonly string[]> = {
  pk: [
    'Khan', 'Ahmed', 'Malik', 'Butt', 'Chaudhry', 'Qureshi', 'Sheikh', 'Raja', 'Awan', 'Mughal', 'Abbasi', 'Hussain',
    'Shah', 'Bhatti', 'Cheema', 'Gondal', 'Warraich', 'Rana', 'Siddiqui', 'Mirza', 'Baig', 'Afridi', 'Yousafzai',
    'Khattak', 'Durrani', 'Javed', 'Iqbal', 'Aslam', 'Rehman', 'Bajwa', 'Sandhu', 'Tarar', 'Niazi', 'Kiyani',
    'Janjua', 'Arain', 'Gill', 'Memon', 'Soomro', 'Baloch',
  ],
  af: [
    'Ahmadzai', 'Popalzai', 'Stanikzai', 'Wardak', 'Safi', 'Noorzai', 'Hotak', 'Mohmand', 'Sultani', 'Hashimi',
    'Rahimi', 'Karimi', 'Amiri', 'Barakzai', 'Sadat', 'Zazai',
  ],
  ar: ['Al Harbi', 'Al Qahtani', 'Al Otaibi', 'Al Mansoori', 'Al Shamsi', 'Haddad', 'Nasser', 'Saleh', 'Al Zahrani', 'Al Dosari'],
};

/**
 * Transliteration variants: each group is one name as written by different
 * clerks. The first entry is the canonical spelling used by the generator.
 */
export const TRANSLITERATIONS: readonly (readonly string[])[] = [
  ['Muhammad', 'Mohammad', 'Mohammed', 'Md.', 'Muhammed', 'Mohd'],
  ['Ahmed', 'Ahmad'],
  ['Usman', 'Osman', 'Othman'],
  ['Hussain', 'Hussein', 'Husain'],
  ['Hassan', 'Hasan'],
  ['Yousef', 'Yusuf', 'Yousuf'],
  ['Chaudhry', 'Chaudhary', 'Choudhry'],
  ['Rehman', 'Rahman'],
  ['Qureshi', 'Quraishi'],
  ['Zubair', 'Zubayr'],
  ['Umar', 'Omar'],
  ['Abdul Rehman', 'Abdur Rahman', 'Abdul Rahman'],
  ['Fatima', 'Fatimah'],
  ['Ayesha', 'Aisha', 'Aysha'],
  ['Zainab', 'Zaynab'],
  ['Khadija', 'Khadijah'],
  ['Yousafzai', 'Yusufzai'],
];

/** Cities and areas for residential addresses; the product with houses and streets keeps addresses unique. */
export const AREAS: readonly (readonly [string, string])[] = [
  ['Gulberg III', 'Lahore'], ['Model Town', 'Lahore'], ['Johar Town', 'Lahore'], ['DHA Phase 5', 'Lahore'],
  ['Iqbal Town', 'Lahore'], ['Samanabad', 'Lahore'], ['Township', 'Lahore'], ['Wapda Town', 'Lahore'],
  ['Shadman', 'Lahore'], ['Garden Town', 'Lahore'],
  ['Gulshan-e-Iqbal Block 13', 'Karachi'], ['North Nazimabad Block H', 'Karachi'], ['Clifton Block 5', 'Karachi'],
  ['Korangi', 'Karachi'], ['Malir Cantt', 'Karachi'], ['PECHS Block 2', 'Karachi'], ['Nazimabad', 'Karachi'],
  ['Gulistan-e-Jauhar', 'Karachi'], ['Federal B Area', 'Karachi'], ['Saddar', 'Karachi'],
  ['G-9/3', 'Islamabad'], ['F-10/2', 'Islamabad'], ['I-8/4', 'Islamabad'], ['G-11/1', 'Islamabad'],
  ['E-11/2', 'Islamabad'], ['Bahria Town Phase 4', 'Rawalpindi'], ['Satellite Town', 'Rawalpindi'],
  ['Chaklala Scheme III', 'Rawalpindi'], ['Westridge', 'Rawalpindi'], ['Saddar', 'Rawalpindi'],
  ['Peoples Colony', 'Faisalabad'], ['Madina Town', 'Faisalabad'], ['Susan Road', 'Faisalabad'],
  ['Satellite Town', 'Gujranwala'], ['Model Town', 'Gujranwala'], ['Peoples Colony', 'Gujranwala'],
  ['Cantt', 'Sialkot'], ['Kashmir Road', 'Sialkot'], ['Hayatabad Phase 3', 'Peshawar'],
  ['University Town', 'Peshawar'], ['Gulbahar', 'Peshawar'], ['Shah Rukn-e-Alam Colony', 'Multan'],
  ['Gulgasht Colony', 'Multan'], ['Sector F-1', 'Mirpur'], ['Sector D-4', 'Mirpur'], ['Jalalpur Road', 'Gujrat'],
  ['Rehman Shaheed Road', 'Gujrat'], ['Kharian Cantt', 'Gujrat'], ['Phalia Road', 'Mandi Bahauddin'],
  ['Jhelum Cantt', 'Jhelum'], ['Civil Lines', 'Jhelum'], ['Latifabad Unit 7', 'Hyderabad'], ['Qasimabad', 'Hyderabad'],
  ['Jinnah Town', 'Quetta'], ['Satellite Town', 'Quetta'], ['Mandian', 'Abbottabad'], ['Mingora', 'Swat'],
  ['Kohat Road', 'Kohat'], ['Dera Adda', 'Dera Ismail Khan'], ['Saddar', 'Sargodha'],
];

/** CNIC district prefixes (first five digits) by city. */
export const CNIC_DISTRICTS: readonly string[] = [
  '35202', '35201', '42101', '42201', '42301', '61101', '37405', '33100', '34101', '34603', '17301', '36302',
  '81302', '13101', '15602', '38403', '41303', '34402', '37301', '32103',
];

/** PK mobile prefixes (after the leading 0) that libphonenumber accepts as valid. */
export const MOBILE_PREFIXES: readonly string[] = [
  '300', '301', '302', '303', '304', '305', '306', '307', '308', '309', '311', '312', '313', '314', '315', '316',
  '321', '322', '323', '324', '331', '332', '333', '334', '335', '336', '341', '342', '343', '344', '345', '346', '347',
];

/** Bank codes that appear in PK IBANs. */
export const IBAN_BANKS: readonly string[] = ['SCBL', 'HABB', 'MUCB', 'UNIL', 'ALFH', 'MEZN', 'BAHL'];
/** Bank codes of local (non-IBAN) account numbers, written `HBL 0012-3456789-01`. */
export const LOCAL_BANKS: readonly string[] = ['HBL', 'UBL', 'MCB', 'ABL', 'NBP'];

export const PASSPORT_LETTERS: readonly string[] = [
  'AB', 'AK', 'AM', 'BF', 'BN', 'CV', 'CK', 'DR', 'DN', 'EK', 'EW', 'FA', 'FK', 'GH', 'HL', 'JV', 'KM', 'LP',
  'MR', 'NS', 'PT', 'QA', 'RZ', 'SX', 'TW', 'UZ', 'VY',
];

export const EMAIL_DOMAINS: readonly string[] = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'live.com'];

/** Consulates (visa posts) where applications are filed; each has its own fee-collection account. */
export const CONSULATES: readonly { name: string; country: string; city: 'Islamabad' | 'Lahore' | 'Karachi'; fee: number }[] = [
  { name: 'Embassy of Germany Islamabad', country: 'DEU', city: 'Islamabad', fee: 24500 },
  { name: 'Consulate General of Germany Karachi', country: 'DEU', city: 'Karachi', fee: 24500 },
  { name: 'Embassy of Italy Islamabad', country: 'ITA', city: 'Islamabad', fee: 25000 },
  { name: 'Consulate General of Italy Karachi', country: 'ITA', city: 'Karachi', fee: 25000 },
  { name: 'Embassy of Spain Islamabad', country: 'ESP', city: 'Islamabad', fee: 24800 },
  { name: 'British High Commission Islamabad', country: 'GBR', city: 'Islamabad', fee: 41000 },
  { name: 'Consulate General of the UAE Karachi', country: 'ARE', city: 'Karachi', fee: 18000 },
  { name: 'Consulate General of Canada Lahore', country: 'CAN', city: 'Lahore', fee: 32000 },
];

export const APPLICATION_CENTRES: Readonly<Record<'Islamabad' | 'Lahore' | 'Karachi', string>> = {
  Islamabad: 'Visa Application Centre, 3rd Floor, Plot 12, Jinnah Avenue, Blue Area, Islamabad',
  Lahore: 'Visa Application Centre, 65-E1, Main Boulevard, Gulberg III, Lahore',
  Karachi: 'Visa Application Centre, Plot 7, Block 9, Clifton, Karachi',
};

export const VISA_TYPES: readonly string[] = ['tourist', 'business', 'student', 'work', 'family_visit'];

/** Words for travel-agency names: the product of the pools gives unique names. */
export const AGENCY_WORDS_1: readonly string[] = [
  'Al Noor', 'Al Madina', 'Al Hamd', 'Royal', 'Khyber', 'Crescent', 'Shaheen', 'Falcon', 'Green', 'Star', 'Sky',
  'Golden', 'Silver', 'Pak', 'Indus', 'Ravi', 'Chenab', 'Jhelum', 'Margalla', 'Karakoram', 'Bolan', 'Zam Zam',
  'Al Rehman', 'Al Fatah', 'Qamar', 'Sitara', 'Hilal', 'Noor', 'Rehmat', 'Barkat',
];
export const AGENCY_WORDS_2: readonly string[] = [
  'Global', 'International', 'Worldwide', 'Express', 'Overseas', 'United', 'Continental', 'Elite', 'Premier',
  'Smart', 'Pearl', 'Horizon', 'Vision', 'Gateway', 'Bridge', 'Links', 'Connect', 'Wings', 'Route', 'Journey',
];
/** Ring agencies and legitimate agencies use different kinds, so their names (and keys) never collide. */
export const RING_AGENCY_KINDS: readonly string[] = ['Overseas Consultants', 'Visa Services', 'Immigration Consultants', 'Study Abroad Advisors'];
export const LEGIT_AGENCY_KINDS: readonly string[] = ['Travels', 'Travel and Tours', 'Air Services', 'Tours'];
/** Legal suffixes written after an agency name (dropped by the organization key). */
export const LEGAL_SUFFIXES: readonly string[] = ['(Pvt) Ltd', '(Pvt.) Ltd.', 'Pvt. Ltd.', 'Pvt Ltd'];

export const BIG_AGENCY = { name: 'Crescent Star Travel Network', landline: { nsn: '4235761234', areaDigits: 2 } } as const;
export const BIG_AGENCY_STAFF: readonly string[] = ['Counter 1', 'Counter 2', 'Counter 3', 'Sana Tariq', 'Bilal Ahmed', 'Front Desk'];

export const COURIER = { name: 'Swift Courier Services' } as const;

export const CASE_PREFIXES: readonly string[] = ['FIA/AHTC/LHR', 'FIA/AHTC/ISB', 'FIA/AHTC/KHI', 'FIA/CC/GRW'];
