import { describe, expect, it } from 'vitest';
import { botEvent } from '../core/index.js';
import { botMessages } from './bot-messages.js';

const R = 'u1';

describe('botMessages (Rasa OutputChannel dispatch)', () => {
  it('splits text on blank lines into separate messages and strips it', () => {
    expect(botMessages(botEvent('  one\n\ntwo\nlines\n\nthree '), R)).toEqual([
      { recipient_id: R, text: 'one' }, { recipient_id: R, text: 'two\nlines' }, { recipient_id: R, text: 'three' },
    ]);
  });

  it('keeps buttons attached to the whole, unsplit text', () => {
    const buttons = [{ title: 'great', payload: '/mood_great' }];
    expect(botMessages(botEvent('a\n\nb', { buttons }), R)).toEqual([{ recipient_id: R, text: 'a\n\nb', buttons }]);
  });

  it('sends quick_replies as buttons, ahead of buttons', () => {
    const qr = [{ title: 'yes', payload: '/affirm' }];
    const buttons = [{ title: 'no', payload: '/deny' }];
    expect(botMessages(botEvent('ok?', { quick_replies: qr, buttons }), R)).toEqual([{ recipient_id: R, text: 'ok?', buttons: qr }]);
  });

  it('sends custom, image and attachment as separate messages in that order, nulls dropped', () => {
    const ev = botEvent('look', { custom: { blocks: [] }, image: 'https://x/i.jpg', attachment: { type: 'video', payload: {} } });
    expect(botMessages(ev, R)).toEqual([
      { recipient_id: R, text: 'look' },
      { recipient_id: R, custom: { blocks: [] } },
      { recipient_id: R, image: 'https://x/i.jpg' },
      { recipient_id: R, attachment: { type: 'video', payload: {} } },
    ]);
  });

  it('sends an image once when the attachment repeats it (old events)', () => {
    expect(botMessages(botEvent(null, { image: 'https://x/i.jpg', attachment: 'https://x/i.jpg' }), R))
      .toEqual([{ recipient_id: R, image: 'https://x/i.jpg' }]);
  });

  it('turns elements into "<title> : <subtitle>" texts with their buttons', () => {
    const elements = [{ title: 'Pizza', subtitle: 'hot', buttons: [{ title: 'buy', payload: '/buy' }] }, { title: 'Soup' }];
    expect(botMessages(botEvent(null, { elements }), R)).toEqual([
      { recipient_id: R, text: 'Pizza : hot', buttons: [{ title: 'buy', payload: '/buy' }] },
      { recipient_id: R, text: 'Soup : ', buttons: [] },
    ]);
  });

  it('treats empty text, lists and objects as absent (Python truthiness)', () => {
    expect(botMessages(botEvent('', { buttons: [], custom: {} }), R)).toEqual([]);
  });

  it('lets metadata keys override data, as BotUttered.message() does', () => {
    expect(botMessages(botEvent('hi', {}, { custom: { from: 'meta' } }), R))
      .toEqual([{ recipient_id: R, text: 'hi' }, { recipient_id: R, custom: { from: 'meta' } }]);
  });
});
