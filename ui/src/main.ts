/** Entry point: global styles (Vazirmatn bundled), the language on <html>, the app shell. */
import './styles/global.css';
import { getLang, setLang } from './i18n/index.js';
import './components/dabir-app.js';

// Reflect the remembered language on <html lang dir> before the first render.
setLang(getLang());
