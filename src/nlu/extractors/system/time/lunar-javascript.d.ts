// The part of lunar-javascript (MIT, no types of its own) that lunar-date.ts uses.
declare module 'lunar-javascript' {
  interface SolarDate { getYear(): number; getMonth(): number; getDay(): number }
  interface LunarDate { getSolar(): SolarDate }
  const lunar: { Lunar: { fromYmd(year: number, month: number, day: number): LunarDate } };
  export default lunar;
}
