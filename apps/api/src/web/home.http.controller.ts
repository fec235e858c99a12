import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

const HOME = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Continuum</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style>
</head><body>
<h1>Continuum</h1>
<p>An event-sourced learning-record platform and xAPI Learning Record Store for Scotland's Continuous Learning Framework.</p>
<ul>
<li><a href="/api/docs">Domain API (OpenAPI)</a></li>
<li><a href="/api/framework">The CLF catalogue</a></li>
<li><a href="/xapi/about">xAPI LRS</a></li>
<li><a href="/health">Health</a></li>
</ul>
</body></html>`;

@ApiExcludeController()
@Controller()
export class HomeHttpController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  home(): string {
    return HOME;
  }
}
