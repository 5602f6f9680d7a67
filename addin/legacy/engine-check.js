/*
 * 周报助手 task pane: the engine check, ES5 only (it must parse in Internet Explorer 11, the task-pane webview of
 * Office 2016 and of volume-licensed Office 2019 on older Windows). It runs before the main bundle (which is ES2017 and
 * would leave the pane blank there): where the engine cannot run the bundle it says so in Chinese — which Office
 * versions run the add-in, and how to check the reports meanwhile (the same page in a browser, or the WPS add-in) —
 * and sets window.__xcsUnsupported so that the bundle, if it loads at all, stays quiet.
 * test/addin-legacy.test.ts parses this file as ES5 and runs it in Chromium with the modern engine taken away.
 */
(function () {
  'use strict';

  function syntaxOk() {
    try {
      // the syntax the bundle is compiled to (ES2017)
      new Function('"use strict"; let a = 1; const f = async (x, ...r) => { await x; return `${a}` + r.length; };' +
        ' class C { m() { return 1; } } const { b } = { b: 1 }; for (const z of [1]) { a += z; } return [f, C, b];');
      return true;
    } catch (e) {
      // a page whose security policy forbids new Function says nothing about the syntax: trust the built-ins below
      return !(e instanceof SyntaxError);
    }
  }

  function builtinsOk() {
    return typeof Promise === 'function' && typeof Symbol === 'function' && typeof Map === 'function' &&
      typeof WeakMap === 'function' && typeof Object.assign === 'function' && typeof Object.entries === 'function' &&
      typeof Array.prototype.includes === 'function' && typeof String.prototype.padStart === 'function';
  }

  if (syntaxOk() && builtinsOk()) return;
  window.__xcsUnsupported = true;

  var pageUrl = String(window.location.href).split('#')[0].split('?')[0];

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text) e.appendChild(document.createTextNode(text));
    return e;
  }

  function show() {
    var box = el('div');
    box.id = 'unsupported';
    box.appendChild(el('h2', '这台电脑上的 Excel 无法运行周报助手'));
    box.appendChild(el('p', '这一版 Excel 用旧的 Internet Explorer 内核显示任务窗格（常见于 Office 2016、批量授权的 Office 2019 或 Windows 7/8.1），周报助手无法在其中运行。您的工作簿没有任何改动。'));
    box.appendChild(el('p', '能运行周报助手的 Excel：Excel 2021、Excel 2024、Microsoft 365、Windows 10/11 上更新过的 Office 2019、Excel 网页版、Mac 版 Excel。'));
    box.appendChild(el('p', '现在就可以这样校验报表：'));
    var ol = el('ol');
    var li1 = el('li', '用浏览器（Edge、Chrome 或 360 浏览器的极速模式）打开独立网页，把乡镇报表（.xlsx）拖进去校验，文件只在本机读取、不会上传：');
    var a = el('a', pageUrl);
    a.href = pageUrl;
    a.target = '_blank';
    a.id = 'standalone-link';
    li1.appendChild(a);
    ol.appendChild(li1);
    ol.appendChild(el('li', '如果电脑上装有 WPS Office，使用周报助手的 WPS 加载项（安装方法见县里下发的说明）。'));
    ol.appendChild(el('li', '请单位的信息技术人员把 Office 升级到上面所列的版本。'));
    box.appendChild(ol);
    var body = document.body;
    for (var i = 0; i < body.children.length; i++) body.children[i].style.display = 'none';
    body.insertBefore(box, body.firstChild);
  }

  if (document.body) show();
  else document.addEventListener('DOMContentLoaded', show);
})();
