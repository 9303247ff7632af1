import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/test-app.js';
import { domainFormatFor } from './domain.js';

describe('GET /domain', () => {
  it('answers JSON by default and for application/json', async () => {
    const { app, agent } = await testApp();
    for (const accept of [undefined, 'application/json', '*/*', 'text/html, application/json;q=0.9']) {
      const res = await app.inject({ url: '/domain', headers: accept ? { accept } : {} });
      expect(res.statusCode, String(accept)).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual(agent.domainJson());
    }
  });

  it('answers YAML for the yaml media types', async () => {
    const { app, agent } = await testApp();
    for (const accept of ['application/x-yml', 'application/yaml', 'application/x-yaml', 'text/yaml']) {
      const res = await app.inject({ url: '/domain', headers: { accept } });
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-yml/);
      expect(parse(res.body)).toEqual(agent.domainJson());
    }
  });

  it('is 406 NotAcceptable otherwise', async () => {
    const { app } = await testApp();
    const res = await app.inject({ url: '/domain', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(406);
    expect(res.json()).toMatchObject({ reason: 'NotAcceptable', code: 406, status: 'failure' });
  });

  it('picks the first acceptable range', () => {
    expect(domainFormatFor('application/x-yml, application/json')).toBe('yaml');
    expect(domainFormatFor('text/plain')).toBeUndefined();
  });
});
