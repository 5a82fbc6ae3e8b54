import { cardNumberFor, isValidCardNumber, luhnDigit } from './card-number';

describe('club card numbers', () => {
  it('gives the same member the same card, and different members different cards', () => {
    expect(cardNumberFor('m-1')).toBe(cardNumberFor('m-1'));
    expect(cardNumberFor('m-1')).not.toBe(cardNumberFor('m-2'));
    expect(cardNumberFor('m-1')).toMatch(/^AC\d{12}$/);
  });

  it('ends with a Luhn check digit that catches a mistyped digit', () => {
    expect(luhnDigit('7992739871')).toBe(3); // the textbook example
    const card = cardNumberFor('m-1');
    expect(isValidCardNumber(card)).toBe(true);
    const typo = card.slice(0, 5) + String((Number(card[5]) + 1) % 10) + card.slice(6);
    expect(isValidCardNumber(typo)).toBe(false);
  });
});
