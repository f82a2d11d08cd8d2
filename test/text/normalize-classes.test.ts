import { describe, expect, it } from "vitest";
import { normalizeToString } from "../../src/text/index.js";

const us = (s: string): string => normalizeToString(s, { lang: "en-us" });
const gb = (s: string): string => normalizeToString(s, { lang: "en-gb" });

// Each table is one class of token, written from what a careful reader says aloud.
describe("normalizeToString by class (en-us)", () => {
  it.each([
    ["I have 3 cats.", "I have three cats."],
    ["1,000 people came.", "one thousand people came."],
    ["It has 1,234,567 rows.", "It has one million two hundred thirty-four thousand five hundred sixty-seven rows."],
    ["Agent 007 is here.", "Agent zero zero seven is here."],
    ["Pi is 3.14159.", "Pi is three point one four one five nine."],
    ["It is 3.5 now.", "It is three point five now."],
    ["About .5 of it.", "About point five of it."],
    ["It was -7 outside.", "It was minus seven outside."],
    ["The 1st, 2nd, 3rd and 21st.", "The first, second, third and twenty-first."],
    ["Add 1/2 and 3/4.", "Add one half and three quarters."],
    ["Wait 2 1/2 hours.", "Wait two and a half hours."],
    ["Use ½ cup.", "Use one half cup."],
    ["It's 24/7.", "It's twenty-four seven."],
    ["Rated 9/10.", "Rated nine out of ten."],
    ["Up 50% today.", "Up fifty percent today."],
    ["Down -3.5%.", "Down minus three point five percent."],
    ["Between 10-20% of us.", "Between ten to twenty percent of us."],
    ["Read pages 10-20.", "Read pages ten to twenty."],
    ["See pp. 3–5.", "See pages three to five."],
    ["See p. 12.", "See page twelve."],
    ["It was 3-2 at half time.", "It was three to two at half time."],
    ["Release 1.2.3 is out.", "Release one point two point three is out."],
    ["Use v2 now.", "Use version two now."],
    ["A 1920x1080 screen.", "A one thousand nine hundred twenty by one thousand eighty screen."],
  ])("numbers: %j → %j", (input, said) => {
    expect(us(input)).toBe(said);
  });

  it.each([
    ["It happened in 1990.", "It happened in nineteen ninety."],
    ["Since 2008 it grew.", "Since two thousand eight it grew."],
    ["In 1905 and 2024.", "In nineteen oh five and twenty twenty-four."],
    ["The '90s were loud.", "The nineties were loud."],
    ["The 1990s and the 1800s.", "The nineteen nineties and the eighteen hundreds."],
    ["Back in the 80s.", "Back in the eighties."],
    ["From 1990–1995.", "From nineteen ninety to nineteen ninety-five."],
    ["1990 was great.", "nineteen ninety was great."],
    ["We sold 1234 items.", "We sold one thousand two hundred thirty-four items."],
  ])("years: %j → %j", (input, said) => {
    expect(us(input)).toBe(said);
  });

  it.each([
    ["Due 2024-01-05.", "Due January fifth, twenty twenty-four."],
    ["Due 01/05/2024.", "Due January fifth, twenty twenty-four."],
    ["Due 13/05/2024.", "Due May thirteenth, twenty twenty-four."],
    ["Due Jan 5, 2024.", "Due January fifth, twenty twenty-four."],
    ["Due Sept. 3 2021.", "Due September third, twenty twenty-one."],
    ["Due 5 January 2024.", "Due the fifth of January, twenty twenty-four."],
    ["On the 3rd of May.", "On the third of May."],
    ["On March 3rd.", "On March third."],
  ])("dates: %j → %j", (input, said) => {
    expect(us(input)).toBe(said);
  });

  it.each([
    ["At 12:34.", "At twelve thirty-four."],
    ["At 3:05.", "At three oh five."],
    ["At 9:00.", "At nine o'clock."],
    ["At 15:00.", "At fifteen hundred."],
    ["At 15:00:30.", "At fifteen hundred and thirty seconds."],
    ["At 3pm.", "At three PM."],
    ["At 11 a.m. sharp.", "At eleven AM sharp."],
    ["At 10:30am.", "At ten thirty AM."],
    ["John 3:16 says.", "John three sixteen says."],
    ["Mix it 3:1.", "Mix it three to one."],
  ])("times: %j → %j", (input, said) => {
    expect(us(input)).toBe(said);
  });

  it.each([
    ["It costs $5.", "It costs five dollars."],
    ["It costs $1.", "It costs one dollar."],
    ["It costs $3.50.", "It costs three dollars and fifty cents."],
    ["It costs $0.99.", "It costs ninety-nine cents."],
    ["It costs $1,250.", "It costs one thousand two hundred fifty dollars."],
    ["It costs £1.2m.", "It costs one point two million pounds."],
    ["It costs £3.50.", "It costs three pounds fifty."],
    ["It costs $2B.", "It costs two billion dollars."],
    ["It costs $5 million.", "It costs five million dollars."],
    ["It costs €40.", "It costs forty euros."],
    ["It costs ¥500.", "It costs five hundred yen."],
    ["It costs 5€.", "It costs five euros."],
    ["It costs 100 USD.", "It costs one hundred dollars."],
    ["It costs $10-$20.", "It costs ten to twenty dollars."],
    ["It lost -$5.", "It lost minus five dollars."],
  ])("money: %j → %j", (input, said) => {
    expect(us(input)).toBe(said);
  });

  it.each([
    ["Run 5 km.", "Run five kilometers."],
    ["Run 1 km.", "Run one kilometer."],
    ["Lift 3kg.", "Lift three kilograms."],
    ["It is 72°F.", "It is seventy-two degrees Fahrenheit."],
    ["It is -5 °C.", "It is minus five degrees Celsius."],
    ["Turn 90°.", "Turn ninety degrees."],
    ["Drive 10 mph.", "Drive ten miles per hour."],
    ["Drive 50 km/h.", "Drive fifty kilometers per hour."],
    ["Save 5 GB.", "Save five gigabytes."],
    ["Wait 100 ms.", "Wait one hundred milliseconds."],
    ["A 2.4 GHz radio.", "A two point four gigahertz radio."],
    ["Walk 5-10 km.", "Walk five to ten kilometers."],
    ["It is 2x faster.", "It is two times faster."],
    ["She is 5'11\" tall.", "She is five feet eleven inches tall."],
    ["Put 5 in the box.", "Put five in the box."],
    ["A 5in screen.", "A five inch screen."],
  ])("units: %j → %j", (input, said) => {
    expect(us(input)).toBe(said);
  });

  it.each([
    ["Call (555) 123-4567.", "Call five five five, one two three, four five six seven."],
    ["Call 555-123-4567.", "Call five five five, one two three, four five six seven."],
    ["Call +44 20 7946 0958.", "Call plus four four, two zero, seven nine four six, zero nine five eight."],
    ["Call 555-1234.", "Call five five five, one two three four."],
  ])("phone numbers: %j → %j", (input, said) => {
    expect(us(input)).toBe(said);
  });

  it.each([
    ["Visit example.com today.", "Visit example dot com today."],
    ["See https://github.com/x now.", "See github dot com slash x now."],
    ["See https://www.example.org/docs/.", "See example dot org slash docs."],
    ["Go to www.bbc.co.uk.", "Go to bbc dot co dot uk."],
    ["Mail john.doe@mail.com now.", "Mail john dot doe at mail dot com now."],
    ["Open report.pdf now.", "Open report dot PDF now."],
    ["Open archive.tar.gz now.", "Open archive dot tar dot GZ now."],
    ["Edit config.json now.", "Edit config dot json now."],
    ["Look in /usr/bin now.", "Look in slash usr slash bin now."],
    ["Edit ~/notes/todo.txt now.", "Edit tilde slash notes slash todo dot TXT now."],
  ])("web addresses and files: %j → %j", (input, said) => {
    expect(us(input)).toBe(said);
  });

  it.each([
    ["Dr. Smith is in.", "Doctor Smith is in."],
    ["Dr Smith is in.", "Doctor Smith is in."],
    ["Mr. and Mrs. Smith.", "Mister and Missus Smith."],
    ["Ms. Jones and Prof. Lee.", "Miz Jones and Professor Lee."],
    ["We went to St. Louis.", "We went to Saint Louis."],
    ["He lives on Main St. now.", "He lives on Main Street now."],
    ["She lives at 5th St. now.", "She lives at fifth Street now."],
    ["He drove down Mulholland Dr. today.", "He drove down Mulholland Drive today."],
    ["Fruit, e.g. apples.", "Fruit, for example apples."],
    ["One thing, i.e. this.", "One thing, that is this."],
    ["Apples, pears, etc.", "Apples, pears, et cetera."],
    ["Cats vs. dogs.", "Cats versus dogs."],
    ["Cats vs dogs.", "Cats versus dogs."],
    ["Martin Luther King Jr. spoke.", "Martin Luther King Junior spoke."],
    ["Item No. 5 is here.", "Item number five is here."],
    ["I said no.", "I said no."],
  ])("abbreviations: %j → %j", (input, said) => {
    expect(us(input)).toBe(said);
  });

  it.each([
    ["The FBI called.", "The FBI called."],
    ["NASA and NATO met.", "Nasa and Nato met."],
    ["Go SCUBA diving.", "Go scuba diving."],
    ["The U.S. Army.", "The U S Army."],
    ["The US economy.", "The U S economy."],
    ["J. R. R. Tolkien wrote it.", "J R R Tolkien wrote it."],
    ["The COVID-19 years.", "The Covid-nineteen years."],
  ])("initialisms and acronyms: %j → %j", (input, said) => {
    expect(us(input)).toBe(said);
  });

  it.each([
    ["Read Chapter IV.", "Read Chapter four."],
    ["After World War II.", "After World War two."],
    ["King Henry VIII ruled.", "King Henry the Eighth ruled."],
    ["Louis XIV built it.", "Louis the Fourteenth built it."],
    ["I went. I saw.", "I went. I saw."],
    ["The CIVIL war.", "The CIVIL war."],
  ])("Roman numerals: %j → %j", (input, said) => {
    expect(us(input)).toBe(said);
  });

  it.each([
    ["Salt & pepper.", "Salt and pepper."],
    ["Two + two = four.", "Two plus two equals four."],
    ["Meet @ noon.", "Meet at noon."],
    ["We're #1.", "We're number one."],
    ["Love #summer.", "Love hashtag summer."],
    ["It is ~5 m.", "It is about five meters."],
    ["Multiply 5 * 3.", "Multiply five times three."],
    ["Use snake_case names.", "Use snake case names."],
    ["Wait... what?", "Wait… what?"],
    ["He said -- no.", "He said — no."],
    ["He paused - then left.", "He paused — then left."],
    ["“Hi,” she said.", "“Hi,” she said."],
    ["Yes (mostly).", "Yes (mostly)."],
    ["Wow!!!", "Wow!"],
    ["Great 😀 work 👍🏽!", "Great work!"],
    ["Family 👨‍👩‍👧 time.", "Family time."],
  ])("symbols, punctuation and emoji: %j → %j", (input, said) => {
    expect(us(input)).toBe(said);
  });
});

describe("en-us and en-gb differ", () => {
  it.each([
    ["It has 105 pages.", "It has one hundred five pages.", "It has one hundred and five pages."],
    ["In 2008 it fell.", "In two thousand eight it fell.", "In two thousand and eight it fell."],
    ["Due 01/05/2024.", "Due January fifth, twenty twenty-four.", "Due the first of May, twenty twenty-four."],
    ["Due 2024-01-05.", "Due January fifth, twenty twenty-four.", "Due the fifth of January, twenty twenty-four."],
    ["Due Jan 5, 2024.", "Due January fifth, twenty twenty-four.", "Due January the fifth, twenty twenty-four."],
    ["Run 5 km.", "Run five kilometers.", "Run five kilometres."],
    ["Pour 2 L.", "Pour two liters.", "Pour two litres."],
    ["Owe $1,005.", "Owe one thousand five dollars.", "Owe one thousand and five dollars."],
  ])("%j → en-us %j, en-gb %j", (input, inUs, inGb) => {
    expect(us(input)).toBe(inUs);
    expect(gb(input)).toBe(inGb);
  });
});
